using AcrGuard.Configuration;

namespace AcrGuard.Core.Tests;

public class ConfigReaderTests
{
    [Test]
    public void Reads_the_contract_example()
    {
        var config = ConfigReader.Parse("""
            mode: audit
            registries:
              customDomains:
                - domain: registry.example.com
                  instanceId: cn-beijing:cri-j36zhodptmyq1234
            rules:
              AG011: warning
              AG008: "off"
            """);

        Assert.Multiple(() =>
        {
            Assert.That(config.Mode, Is.EqualTo(EnforcementMode.Audit));
            Assert.That(config.CustomDomains, Is.EqualTo(new[] { new CustomDomain("registry.example.com", "cn-beijing:cri-j36zhodptmyq1234") }));
            Assert.That(config.Rules["AG011"], Is.EqualTo(RuleSeverity.Warning));
            Assert.That(config.Rules["AG008"], Is.EqualTo(RuleSeverity.Off));
        });
    }

    [Test]
    public void Reads_the_client_ca_that_serve_requires_and_keeps_it_with_another_mode()
    {
        var config = ConfigReader.Parse("""
            mode: enforce
            tls:
              clientCA: /etc/acrguard/client-ca/ca.crt
            """);

        Assert.Multiple(() =>
        {
            Assert.That(config.ClientCA, Is.EqualTo("/etc/acrguard/client-ca/ca.crt"));
            Assert.That(config.WithMode(EnforcementMode.Audit).ClientCA, Is.EqualTo("/etc/acrguard/client-ca/ca.crt"));
            Assert.That(ConfigReader.Parse("mode: enforce").ClientCA, Is.Null);
            Assert.That(ConfigReader.Parse("tls:").ClientCA, Is.Null);
        });
    }

    [TestCase("")]
    [TestCase("# only a comment\n")]
    [TestCase("---\n")]
    public void Empty_file_means_the_defaults(string yaml)
    {
        var config = ConfigReader.Parse(yaml);

        Assert.That(config.Mode, Is.EqualTo(EnforcementMode.Enforce));
        Assert.That(config.CustomDomains, Is.Empty);
        Assert.That(config.Rules, Is.Empty);
    }

    [TestCase("mdoe: audit", "mdoe (line 1): unknown key; expected mode, registries, rules, workloads, modeLabel or tls")]
    [TestCase("mode: strict", "mode (line 1): 'strict' is not a mode; use enforce or audit")]
    [TestCase("mode: Audit", "mode (line 1): 'Audit' is not a mode; use enforce or audit")]
    [TestCase("rules:\n  AG099: error", "rules.AG099 (line 2): unknown rule; known rules are AG001 to AG013")]
    [TestCase("rules:\n  AG001: fatal", "rules.AG001 (line 2): 'fatal' is not a severity; use error, warning or off")]
    [TestCase("rules: [AG001]", "rules (line 1): expected a mapping")]
    [TestCase("registries:\n  customDomain: []", "registries.customDomain (line 2): unknown key; expected customDomains")]
    [TestCase("registries:\n  customDomains:\n    - domain: https://registry.example.com\n      instanceId: cri-abc", "registries.customDomains[0].domain (line 3): 'https://registry.example.com' is not a registry host name")]
    [TestCase("registries:\n  customDomains:\n    - domain: registry.example.com\n      instanceId: cri-****", "registries.customDomains[0].instanceId (line 4): 'cri-****' is not an ACR instance id")]
    [TestCase("registries:\n  customDomains:\n    - domain: registry.example.com", "registries.customDomains[0] (line 3): missing instanceId")]
    [TestCase("registries:\n  customDomains:\n    - domain: registry.example.com\n      instanceId: cri-abc\n      region: cn-beijing", "registries.customDomains[0].region (line 5): unknown key; expected domain and instanceId")]
    [TestCase("registries:\n  customDomains:\n    - {domain: a.example.com, instanceId: cri-a}\n    - {domain: A.example.com, instanceId: cri-b}", "registries.customDomains[1].domain (line 4): 'a.example.com' is listed twice")]
    [TestCase("- mode: audit", "the configuration (line 1): expected a mapping")]
    [TestCase("mode: [audit", "line 2: not valid YAML: While parsing a flow sequence")]
    [TestCase("mode: audit\n---\nmode: enforce", "line 3: expected one YAML document, found 2")]
    [TestCase("tls:\n  clientCa: /etc/acrguard/client-ca/ca.crt", "tls.clientCa (line 2): unknown key; expected clientCA")]
    [TestCase("tls:\n  clientCA: [a.crt, b.crt]", "tls.clientCA (line 2): expected a single value")]
    [TestCase("tls: /etc/acrguard/client-ca/ca.crt", "tls (line 1): expected a mapping")]
    public void Bad_configuration_is_refused_naming_the_key_and_line(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigReader.Parse(yaml));

        Assert.That(error!.Message, Does.StartWith(expected));
    }

    [Test]
    public void Reads_the_workloads_list_with_the_default_template_path()
    {
        var config = ConfigReader.Parse("""
            workloads:
              - apiVersion: apps.kruise.io/v1alpha1
                kind: CloneSet
              - apiVersion: apps.kruise.io/v1alpha1
                kind: AdvancedCronJob
                template: spec.template.jobTemplate.spec.template
              - apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                template: spec.template
            """);

        Assert.That(config.Workloads, Is.EqualTo(new[]
        {
            new WorkloadKind("apps.kruise.io", "v1alpha1", "CloneSet", "spec.template"),
            new WorkloadKind("apps.kruise.io", "v1alpha1", "AdvancedCronJob", "spec.template.jobTemplate.spec.template"),
            new WorkloadKind("argoproj.io", "v1alpha1", "Rollout", "spec.template"),
        }));
        Assert.That(config.Workloads[1].ApiVersion, Is.EqualTo("apps.kruise.io/v1alpha1"));
        Assert.That(config.Workloads[1].TemplateFields, Is.EqualTo(new[] { "spec", "template", "jobTemplate", "spec", "template" }));
        Assert.That(config.WithMode(EnforcementMode.Audit).Workloads, Is.EqualTo(config.Workloads));
    }

    [TestCase("workloads:")]
    [TestCase("workloads: []")]
    public void An_empty_workloads_list_means_the_built_in_kinds_only(string yaml)
    {
        Assert.That(ConfigReader.Parse(yaml).Workloads, Is.Empty);
    }

    [TestCase("workloads:\n  - apiVersion: apps.kruise.io/v1alpha1", "workloads[0].kind (line 2): missing: give the kind, e.g. CloneSet")]
    [TestCase("workloads:\n  - kind: CloneSet", "workloads[0].apiVersion (line 2): missing: give the group/version of the kind")]
    [TestCase("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, template: \"spec.templates[0]\"}", "workloads[0].template (line 2): 'spec.templates[0]' is not a dotted field path")]
    [TestCase("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, template: .spec.template}", "workloads[0].template (line 2): '.spec.template' is not a dotted field path")]
    [TestCase("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, template: spec..template}", "workloads[0].template (line 2): 'spec..template' is not a dotted field path")]
    [TestCase("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, template: \"spec/template\"}", "workloads[0].template (line 2): 'spec/template' is not a dotted field path")]
    [TestCase("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, template: metadata.template}", "workloads[0].template (line 2): 'metadata.template' cannot hold a pod template")]
    [TestCase("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, template: [spec, template]}", "workloads[0].template (line 2): expected a single value")]
    [TestCase("workloads:\n  - {apiVersion: \"https://apps.kruise.io/v1alpha1\", kind: CloneSet}", "workloads[0].apiVersion (line 2): 'https://apps.kruise.io/v1alpha1' is not an apiVersion")]
    [TestCase("workloads:\n  - {apiVersion: apps.kruise.io/, kind: CloneSet}", "workloads[0].apiVersion (line 2): 'apps.kruise.io/' is not an apiVersion")]
    [TestCase("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: \"Clone Set\"}", "workloads[0].kind (line 2): 'Clone Set' is not a kind")]
    [TestCase("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, templates: spec.template}", "workloads[0].templates (line 2): unknown key; expected apiVersion, kind and template")]
    [TestCase("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet}\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, template: spec.template}", "workloads[1] (line 3): apps.kruise.io/v1alpha1 CloneSet is listed twice")]
    [TestCase("workloads:\n  - {apiVersion: apps/v1, kind: Deployment}", "workloads[0].kind (line 2): apps/v1 Deployment is built in: AcrGuard judges Deployment without configuration")]
    [TestCase("workloads:\n  - {apiVersion: batch/v1, kind: CronJob, template: spec.jobTemplate.spec.template}", "workloads[0].kind (line 2): batch/v1 CronJob is built in")]
    [TestCase("workloads:\n  - {apiVersion: v1, kind: Pod, template: spec}", "workloads[0].kind (line 2): v1 Pod is built in")]
    [TestCase("workloads:\n  - {apiVersion: eci.alibabacloud.com/v1, kind: ImageCache}", "workloads[0].kind (line 2): eci.alibabacloud.com/v1 ImageCache is built in")]
    [TestCase("workloads:\n  apiVersion: apps.kruise.io/v1alpha1\n  kind: CloneSet", "workloads (line 2): expected a list of {apiVersion, kind, template}")]
    [TestCase("workloads:\n  - CloneSet", "workloads[0] (line 2): expected a mapping")]
    public void Bad_workloads_entries_are_refused_naming_the_key_and_line(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigReader.Parse(yaml));

        Assert.That(error!.Message, Does.StartWith(expected));
    }
}
