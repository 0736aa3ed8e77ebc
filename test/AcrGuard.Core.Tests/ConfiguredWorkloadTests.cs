using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using AcrGuard.Testing;
using AcrGuard.Workloads;

namespace AcrGuard.Core.Tests;

/// <summary>
/// Kinds from the configuration's <c>workloads</c> list (OpenKruise CloneSet and Advanced
/// StatefulSet, Argo Rollout) are judged like a Deployment: AG001 on their own metadata, every
/// template rule on their pod template, ratcheting on UPDATE.
/// </summary>
public class ConfiguredWorkloadTests
{
    private static readonly string Root = TestContext.CurrentContext.TestDirectory;

    private static AcrGuardConfig Config =>
        ConfigReader.Parse(File.ReadAllText(Path.Combine(Root, WorkloadCases.Directory, WorkloadCases.Config)));

    public static IEnumerable<TestCaseData> Documents() =>
        WorkloadCases.Documents(TestContext.CurrentContext.TestDirectory)
            .Select(d => new TestCaseData(d.File, d.Index, d.Name).SetArgDisplayNames(d.Name));

    [TestCaseSource(nameof(Documents))]
    public void Each_fixture_gets_exactly_its_findings(string file, int index, string name)
    {
        var obj = Read(file, index, Config);
        var verdict = new Evaluator(Config).Evaluate(obj);
        var expected = WorkloadCases.Expected(file, name);

        Assert.Multiple(() =>
        {
            Assert.That(obj.Identity.Name, Is.EqualTo(name));
            Assert.That(obj.InScope, Is.EqualTo(WorkloadCases.InScope(name)));
            Assert.That(
                verdict.Findings.Select(f => (f.Rule, f.Severity == FindingSeverity.Error ? "error" : "warning", f.Path)),
                Is.EquivalentTo(expected), VerdictAssert.Describe(verdict));
            Assert.That(verdict.Allowed, Is.EqualTo(expected.All(f => f.Severity != "error")));
        });
        foreach (var finding in verdict.Findings)
        {
            VerdictAssert.MessageFollowsContract(finding);
        }
    }

    [TestCaseSource(nameof(Documents))]
    public void Without_the_workloads_list_the_kinds_are_out_of_scope(string file, int index, string name)
    {
        var obj = Read(file, index, AcrGuardConfig.Default);

        Assert.That(obj.InScope, Is.False);
        Assert.That(obj.Identity.Name, Is.EqualTo(name));
    }

    [TestCase("cloneset.yaml", "CloneSet")]
    [TestCase("advanced-statefulset.yaml", "StatefulSet")]
    [TestCase("rollout.yaml", "Rollout")]
    public void A_misplaced_annotation_names_the_kind_and_where_it_belongs(string file, string kind)
    {
        var verdict = new Evaluator(Config).Evaluate(Read(file, 1, Config));

        Assert.That(
            verdict.Findings.Single(f => f.Path == "metadata.annotations['k8s.aliyun.com/acr-user-arns']").Message,
            Is.EqualTo($"AG001 k8s.aliyun.com/acr-user-arns is on the {kind}'s metadata, where ECI never reads it: move it to spec.template.metadata.annotations"));
    }

    [Test]
    public void An_update_that_keeps_an_old_mistake_is_allowed_with_pre_existing_warnings()
    {
        var old = Read("cloneset.yaml", 1, Config);
        var scaled = Objects.Read(Document("cloneset.yaml", 1).Replace("replicas: 4", "replicas: 8", StringComparison.Ordinal), Config.Workloads);

        var verdict = new Evaluator(Config).Evaluate(scaled, old);

        Assert.That(verdict.Allowed, Is.True, VerdictAssert.Describe(verdict));
        Assert.That(verdict.Findings, Has.Count.EqualTo(4).And.All.Matches<Finding>(f => f.PreExisting && f.Severity == FindingSeverity.Warning));
    }

    [Test]
    public void An_update_that_introduces_a_mistake_is_denied()
    {
        var good = Document("cloneset.yaml", 0);
        var broken = good.Replace("acr-user-arns", "acr-user-arn", StringComparison.Ordinal);

        var verdict = Objects.Evaluate(broken, Config, oldYaml: good);

        Assert.That(verdict.Allowed, Is.False);
        Assert.That(verdict.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Rule), Is.EquivalentTo(new[] { "AG007" }));
    }

    [Test]
    public void An_object_of_a_configured_kind_with_a_controller_owner_is_judged_in_full_like_a_deployment()
    {
        // A Kruise UnitedDeployment's CloneSets: the owner's template is not one AcrGuard knows.
        var owned = Document("cloneset.yaml", 1).Replace(
            "  namespace: shop\n",
            "  namespace: shop\n  ownerReferences:\n    - {apiVersion: apps.kruise.io/v1alpha1, kind: UnitedDeployment, name: storefront, uid: 6c1d, controller: true}\n",
            StringComparison.Ordinal);

        Assert.That(Objects.Evaluate(owned, Config).Allowed, Is.False);
    }

    [Test]
    public void Nested_object_metadata_on_a_longer_template_path_is_AG001_too()
    {
        // OpenKruise AdvancedCronJob: spec.template.jobTemplate is a Job template, like a CronJob's.
        var config = ConfigReader.Parse("""
            workloads:
              - apiVersion: apps.kruise.io/v1alpha1
                kind: AdvancedCronJob
                template: spec.template.jobTemplate.spec.template
            """);
        const string yaml = """
            apiVersion: apps.kruise.io/v1alpha1
            kind: AdvancedCronJob
            metadata:
              name: nightly-report
              namespace: shop
            spec:
              schedule: "0 2 * * *"
              concurrencyPolicy: Forbid
              template:
                jobTemplate:
                  metadata:
                    annotations:
                      k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/role-assume"
                  spec:
                    backoffLimit: 2
                    template:
                      spec:
                        restartPolicy: OnFailure
                        containers:
                          - name: report
                            image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/report:1.0
            """;

        var verdict = Objects.Evaluate(yaml, config);

        var finding = VerdictAssert.Single(verdict, "AG001", FindingSeverity.Error, "spec.template.jobTemplate.metadata.annotations['k8s.aliyun.com/acr-service-arns']");
        Assert.That(finding.Message, Is.EqualTo(
            "AG001 k8s.aliyun.com/acr-service-arns is on spec.template.jobTemplate.metadata: the objects the AdvancedCronJob creates carry it, their pods never do: move it to spec.template.jobTemplate.spec.template.metadata.annotations"));
    }

    [Test]
    public void A_template_path_that_holds_no_object_is_an_error_naming_the_path()
    {
        var config = ConfigReader.Parse("workloads:\n  - {apiVersion: example.com/v1, kind: Runner, template: spec.pod}\n");
        const string yaml = "apiVersion: example.com/v1\nkind: Runner\nmetadata: {name: r}\nspec:\n  pod: [a, b]\n";

        var error = Assert.Throws<UnreadableObjectException>(() => Objects.Read(yaml, config.Workloads));

        Assert.That(error!.Message, Is.EqualTo("Runner at spec.pod: expected an object, found a list"));
    }

    [Test]
    public void A_type_error_in_the_template_is_named_with_its_full_path()
    {
        var broken = Document("rollout.yaml", 0).Replace("image: registry.shop.example.com/shop/checkout:3.1.0", "image: {name: checkout}", StringComparison.Ordinal);

        var error = Assert.Throws<UnreadableObjectException>(() => Objects.Read(broken, Config.Workloads));

        Assert.That(error!.Message, Is.EqualTo("Rollout at spec.template.spec.containers[0].image: expected a string"));
    }

    private static string Document(string file, int index) =>
        File.ReadAllText(Path.Combine(Root, WorkloadCases.Directory, file)).Split("\n---\n")[index];

    private static KubeObject Read(string file, int index, AcrGuardConfig config) => Objects.Read(Document(file, index), config.Workloads);
}
