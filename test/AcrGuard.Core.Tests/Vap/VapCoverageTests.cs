using System.Text.RegularExpressions;
using AcrGuard.Rules;
using AcrGuard.Vap;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>docs/rules.md says which rules <c>acrguard vap</c> enforces, as the code does; docs/vap.md shows the messages the policies give.</summary>
public partial class VapCoverageTests
{
    private static string Docs(string page) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", page));

    [Test]
    public void The_denial_and_the_warning_in_docs_vap_md_are_the_policies_messages()
    {
        var example = VapParity.Documents(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "examples", "bad", "misplaced-on-deployment.yaml"))).Single();
        var pod = VapParity.Documents(Support.Fixtures.Pod(Support.Fixtures.Ann(("k8s.aliyun.com/acr-instance-id", Support.Fixtures.InstanceId)))).Single();
        var set = VapGenerator.Generate(AcrGuard.Configuration.AcrGuardConfig.Default);

        var denial = VapAdmission.Review(set, new VapRequest("CREATE", example, null, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "default" })).Single();
        var warning = VapAdmission.Review(set, new VapRequest("CREATE", pod, null, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "shop" })).Single();

        Assert.Multiple(() =>
        {
            Assert.That(Docs("vap.md"), Does.Contain($"ValidatingAdmissionPolicy '{VapNames.Errors}' with binding '{denial.Binding}' denied request: {denial.Message}\n"));
            Assert.That(Docs("vap.md"), Does.Contain($"ValidatingAdmissionPolicy '{VapNames.Warnings}' with binding '{warning.Binding}': {warning.Message}\n"));
        });
    }

    [Test]
    public void The_docs_rule_table_says_which_rules_the_policies_enforce()
    {
        var table = CoverageColumn().Matches(Docs("rules.md")).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["vap"].Value == "yes");

        Assert.That(table, Is.EquivalentTo(RuleCatalog.All.ToDictionary(r => r.Id, VapCoverage.Covers)));
    }

    // | [AG001](#ag001) | error | yes | summary |
    [GeneratedRegex(@"^\| \[(?<id>AG\d{3})\]\(#ag\d{3}\) \| (error|warning|off) \| (?<vap>yes|no[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex CoverageColumn();
}
