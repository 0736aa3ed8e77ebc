using System.Text.Json.Nodes;
using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Rules;
using AcrGuard.Testing;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>
/// The fixture files the rules are tested on (the source document's scenarios, docs/examples, the
/// workload kinds, the API round-trip corpus) and each rule's trigger at every severity, judged
/// by the generated policies as by the webhook.
/// </summary>
public class VapParityFixturesTests
{
    private static string Root => TestContext.CurrentContext.TestDirectory;

    private static AcrGuardConfig WorkloadsConfig => ConfigReader.Parse(File.ReadAllText(Path.Combine(Root, WorkloadCases.Directory, WorkloadCases.Config)));

    public static IEnumerable<TestCaseData> Triggers() =>
        from rule in RuleCatalog.All
        from severity in new[] { RuleSeverity.Error, RuleSeverity.Warning, RuleSeverity.Off }
        select new TestCaseData(rule.Id, severity).SetArgDisplayNames(rule.Id, severity.ToString());

    public static IEnumerable<TestCaseData> Files() =>
        from directory in new[] { Path.Combine("assets", "seed"), Path.Combine("docs", "examples", "good"), Path.Combine("docs", "examples", "bad"), WorkloadCases.Directory }
        from file in Directory.EnumerateFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, directory), "*.yaml")
        where Path.GetFileName(file) != WorkloadCases.Config
        select new TestCaseData(Path.GetRelativePath(TestContext.CurrentContext.TestDirectory, file)).SetArgDisplayNames(Path.GetFileName(file));

    public static IEnumerable<string> Corpus() =>
        Directory.EnumerateFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "assets", "corpus"), "*.json")
            .Where(f => !f.Contains("AdmissionReview", StringComparison.Ordinal))
            .Select(Path.GetFileName)!;

    [TestCaseSource(nameof(Triggers))]
    public void Each_rules_trigger_gets_the_same_verdict_at_each_severity(string rule, RuleSeverity severity)
    {
        var (yaml, old) = RuleSwitchingTests.Triggers[rule];

        var result = VapParity.Check(yaml, RuleSwitchingTests.With(rule, severity), old);

        var covered = AcrGuard.Vap.VapCoverage.Covers(RuleCatalog.Find(rule)!);
        Assert.That(result.VapRules.Contains(rule), Is.EqualTo(covered && severity != RuleSeverity.Off), "the policies find the rule where they cover it and it is on");
    }

    [TestCaseSource(nameof(Files))]
    public void Every_document_of_a_fixture_file_gets_the_same_verdict(string file)
    {
        var text = File.ReadAllText(Path.Combine(Root, file));

        // The source document's scenarios and the examples name the custom domain of the docs' configuration.
        foreach (var config in new[] { AcrGuardConfig.Default, Configs.CustomDomain(), ConfigReader.Parse(File.ReadAllText(Path.Combine(Root, "docs", "config.example.yaml"))), WorkloadsConfig })
        {
            foreach (var document in VapParity.Documents(text))
            {
                VapParity.Check(document, null, config);
            }
        }
    }

    [Test]
    public void The_workload_fixtures_are_denied_where_the_webhook_denies_them()
    {
        var denied = WorkloadCases.Files
            .SelectMany(f => VapParity.Documents(File.ReadAllText(Path.Combine(Root, WorkloadCases.Directory, f))))
            .Where(d => VapParity.Check(d, null, WorkloadsConfig).VapDenies)
            .Select(d => (string)d["metadata"]!["name"]!);

        Assert.That(denied, Has.Some.EndsWith("-misplaced").And.Some.EndsWith("-cross-account-without-service-arns").And.None.EndsWith("-good").And.None.EndsWith("-workload-ref"));
    }

    [Test]
    public void An_update_of_a_cloneset_that_keeps_its_old_mistakes_is_allowed()
    {
        var old = VapParity.Documents(File.ReadAllText(Path.Combine(Root, WorkloadCases.Directory, "cloneset.yaml")))[1];
        var scaled = old.DeepClone().AsObject();
        scaled["spec"]!["replicas"] = 8;

        var result = VapParity.Check(scaled, old, WorkloadsConfig);

        Assert.That(result.VapDenies, Is.False);
        Assert.That(VapParity.Check(old, null, WorkloadsConfig).VapDenies, Is.True, "the same CloneSet created is denied");
    }

    [Test]
    public void A_cloneset_with_a_controller_owner_is_judged_in_full_like_a_deployment()
    {
        var owned = VapParity.Documents(File.ReadAllText(Path.Combine(Root, WorkloadCases.Directory, "cloneset.yaml")))[1];
        owned["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps.kruise.io/v1alpha1", ["kind"] = "UnitedDeployment", ["name"] = "storefront", ["uid"] = "6c1d", ["controller"] = true });

        Assert.That(VapParity.Check(owned, null, WorkloadsConfig).VapDenies, Is.True);
    }

    [Test]
    public void Nested_object_metadata_on_a_longer_template_path_is_denied_with_AG001()
    {
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
              template:
                jobTemplate:
                  metadata:
                    annotations:
                      k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/role-assume"
                  spec:
                    template:
                      spec:
                        restartPolicy: OnFailure
                        containers:
                          - name: report
                            image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/report:1.0
            """;

        var result = VapParity.Denies("AG001", yaml, config);

        Assert.That(result.Vap.Single().Message, Does.Contain("the objects the AdvancedCronJob creates carry it"));
    }

    [TestCaseSource(nameof(Corpus))]
    public void A_corpus_object_with_every_field_passes_with_every_rule_on(string file)
    {
        var obj = JsonNode.Parse(Objects.Asset("corpus", file))!.AsObject();
        var everyRuleOn = new AcrGuardConfig(rules: RuleCatalog.All.ToDictionary(r => r.Id, _ => RuleSeverity.Error));

        Assert.That(VapParity.Check(obj, null, everyRuleOn).Vap, Is.Empty);
    }
}
