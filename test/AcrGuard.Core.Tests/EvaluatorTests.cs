using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests;

/// <summary>How findings become a verdict: configured severities, ratcheting, controller ownership, mode.</summary>
public class EvaluatorTests
{
    private static readonly Dictionary<string, string> MisplacedRole = Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn));

    [Test]
    public void Update_that_keeps_an_old_mistake_is_allowed_with_a_pre_existing_warning()
    {
        var misplaced = Deployment(own: MisplacedRole);
        var scaledUp = misplaced.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal);

        var verdict = Objects.Evaluate(scaledUp, oldYaml: misplaced);

        var finding = VerdictAssert.Single(verdict, "AG001", FindingSeverity.Warning, "metadata.annotations['k8s.aliyun.com/acr-service-arns']");
        Assert.Multiple(() =>
        {
            Assert.That(finding.PreExisting, Is.True);
            Assert.That(finding.WarningText, Does.StartWith("AG001 (pre-existing) k8s.aliyun.com/acr-service-arns is on the Deployment's metadata"));
            Assert.That(verdict.Allowed, Is.True);
        });
    }

    [Test]
    public void Update_that_introduces_a_mistake_is_denied()
    {
        var verdict = Objects.Evaluate(Deployment(own: MisplacedRole), oldYaml: Deployment());

        var finding = VerdictAssert.Single(verdict, "AG001", FindingSeverity.Error, "metadata.annotations['k8s.aliyun.com/acr-service-arns']");
        Assert.That(finding.PreExisting, Is.False);
        Assert.That(verdict.Allowed, Is.False);
    }

    [Test]
    public void Update_keeps_old_mistakes_as_warnings_and_denies_only_the_new_one()
    {
        var old = Deployment(own: MisplacedRole);
        var updated = Deployment(own: Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn), ("k8s.aliyun.com/acr-user-arns", UserArn)));

        var verdict = Objects.Evaluate(updated, oldYaml: old);

        Assert.That(verdict.Findings.Select(f => (f.Path, f.Severity, f.PreExisting)), Is.EquivalentTo(new[]
        {
            ("metadata.annotations['k8s.aliyun.com/acr-service-arns']", FindingSeverity.Warning, true),
            ("metadata.annotations['k8s.aliyun.com/acr-user-arns']", FindingSeverity.Error, false),
        }));
    }

    [Test]
    public void Pod_made_by_a_replica_set_is_never_denied()
    {
        var owned = Pod(Ann(("k8s.aliyun.com/acr-user-arns", UserArn)), extraMetadata: """
              ownerReferences:
              - apiVersion: apps/v1
                kind: ReplicaSet
                name: web-6d4cf56db6
                uid: 2f1c8a1e-8d0b-4f5e-9a57-3c1c0b7d9e11
                controller: true
                blockOwnerDeletion: true
            """);

        var verdict = Objects.Evaluate(owned);

        var finding = VerdictAssert.Single(verdict, "AG002", FindingSeverity.Warning, "metadata.annotations['k8s.aliyun.com/acr-user-arns']");
        Assert.That(finding.ControllerOwned, Is.True);
        Assert.That(finding.WarningText, Does.StartWith("AG002 (controller-owned) "));
        Assert.That(verdict.Allowed, Is.True);
    }

    [Test]
    public void Owner_reference_that_is_not_a_controller_does_not_demote()
    {
        var pod = Pod(Ann(("k8s.aliyun.com/acr-user-arns", UserArn)), extraMetadata: """
              ownerReferences:
              - apiVersion: v1
                kind: ConfigMap
                name: settings
                uid: 0c6b3d3a-1111-4e5e-9a57-3c1c0b7d9e11
            """);

        Assert.That(Objects.Evaluate(pod).Allowed, Is.False);
    }

    [Test]
    public void Controller_owned_replica_set_is_demoted_but_a_deployment_is_not()
    {
        const string owner = "  ownerReferences:\n  - apiVersion: apps/v1\n    kind: Deployment\n    name: web\n    uid: 9b2d\n    controller: true";

        Assert.Multiple(() =>
        {
            Assert.That(Objects.Evaluate(Deployment(own: MisplacedRole, kind: "ReplicaSet", extraMetadata: owner)).Allowed, Is.True);
            Assert.That(Objects.Evaluate(Deployment(own: MisplacedRole, kind: "Deployment", extraMetadata: owner)).Allowed, Is.False);
        });
    }

    [Test]
    public void Audit_mode_allows_and_reports_every_finding_as_a_warning()
    {
        var verdict = Objects.Evaluate(Deployment(own: MisplacedRole), mode: EnforcementMode.Audit);

        VerdictAssert.Single(verdict, "AG001", FindingSeverity.Warning, "metadata.annotations['k8s.aliyun.com/acr-service-arns']");
        Assert.That(verdict.Allowed, Is.True);
    }

    [Test]
    public void Audit_mode_from_the_configuration_applies_when_none_is_given()
    {
        var verdict = Objects.Evaluate(Deployment(own: MisplacedRole), ConfigReader.Parse("mode: audit"));

        Assert.That(verdict.Allowed, Is.True);
        Assert.That(verdict.Warnings, Is.EqualTo(1));
    }

    [Test]
    public void Rule_switched_off_reports_nothing()
    {
        VerdictAssert.Clean(Objects.Evaluate(Deployment(own: MisplacedRole), Configs.WithRule("AG001", "off")));
    }

    [Test]
    public void Error_rule_set_to_warning_allows()
    {
        var verdict = Objects.Evaluate(Deployment(own: MisplacedRole), Configs.WithRule("AG001", "warning"));

        VerdictAssert.Single(verdict, "AG001", FindingSeverity.Warning, "metadata.annotations['k8s.aliyun.com/acr-service-arns']");
    }

    [Test]
    public void Warning_rule_set_to_error_denies()
    {
        var verdict = Objects.Evaluate(Pod(Ann(("k8s.aliyun.com/acr-instance-id", InstanceId))), Configs.WithRule("AG013", "error"));

        VerdictAssert.Single(verdict, "AG013", FindingSeverity.Error, "metadata.annotations['k8s.aliyun.com/acr-instance-id']");
        Assert.That(verdict.Allowed, Is.False);
    }

    [Test]
    public void Harmless_copy_stays_a_warning_even_when_AG001_is_set_to_error()
    {
        var verdict = Objects.Evaluate(Deployment(own: MisplacedRole, template: MisplacedRole), Configs.WithRule("AG001", "error"));

        VerdictAssert.Single(verdict, "AG001", FindingSeverity.Warning, "metadata.annotations['k8s.aliyun.com/acr-service-arns']");
    }

    [Test]
    public void Kinds_out_of_scope_are_allowed_with_no_finding()
    {
        const string configMap = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              annotations:
                k8s.aliyun.com/acr-service-arns: "nonsense"
            data:
              a: b
            """;

        var obj = Objects.Read(configMap);

        Assert.That(obj.InScope, Is.False);
        VerdictAssert.Clean(new Evaluator(AcrGuardConfig.Default).Evaluate(obj));
    }

    [Test]
    public void A_kind_out_of_scope_is_named_from_its_metadata_wherever_that_is()
    {
        // Metadata after the data, a generated name, a label map and a list to step over.
        const string configMap = """
            apiVersion: v1
            kind: ConfigMap
            data:
              settings.yaml: "metadata: {name: not-this-one}"
            binaryData: {}
            metadata:
              labels: {app: web}
              finalizers: [example.com/keep]
              generateName: settings-
              namespace: shop
            """;
        const string oddName = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: [a, list]
              namespace: shop
            """;

        var generated = Objects.Read(configMap);
        var odd = Objects.Read(oddName);

        Assert.Multiple(() =>
        {
            Assert.That(generated.InScope, Is.False);
            Assert.That(generated.Identity, Is.EqualTo(new AcrGuard.Workloads.ObjectIdentity("v1", "ConfigMap", "shop", "settings-*")));
            Assert.That(odd.Identity, Is.EqualTo(new AcrGuard.Workloads.ObjectIdentity("v1", "Secret", "shop", string.Empty)), "a name that is not a string names nothing");
        });
    }

    [Test]
    public void Ephemeral_containers_of_a_pod_are_judged()
    {
        var pod = Pod(extraSpec: "  ephemeralContainers:\n  - name: debugger\n    image: test1234-registry.example.com/tools/debug:1");

        var verdict = Objects.Evaluate(pod, Configs.CustomDomain());

        VerdictAssert.Single(verdict, "AG003", FindingSeverity.Error, "spec.ephemeralContainers[0].image");
    }
}
