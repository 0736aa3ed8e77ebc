using System.Text.RegularExpressions;
using AcrGuard.Rules;

namespace AcrGuard.Core.Tests;

/// <summary>
/// The catalogue in code, the rule table of docs/rules.md and the per-rule test classes name the
/// same rules with the same default severities: adding a rule in one place and not the others fails here.
/// </summary>
public partial class CatalogueConsistencyTests
{
    private static Dictionary<string, string> CatalogueSeverities() =>
        RuleCatalog.All.ToDictionary(r => r.Id, r => r.DefaultSeverity.ToString().ToLowerInvariant());

    [Test]
    public void The_docs_rule_table_lists_the_catalogue_with_its_default_severities()
    {
        var docs = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "rules.md"));
        var table = TableRow().Matches(docs).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["severity"].Value);

        Assert.That(table, Is.EquivalentTo(CatalogueSeverities()));
    }

    [Test]
    public void The_docs_have_a_section_per_rule()
    {
        var docs = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "rules.md"));
        var sections = SectionHeading().Matches(docs).Select(m => m.Groups["id"].Value);

        Assert.That(sections, Is.EquivalentTo(RuleCatalog.All.Select(r => r.Id)));
    }

    [Test]
    public void Every_rule_has_its_own_test_class_and_no_test_class_names_an_unknown_rule()
    {
        var ruleTests = typeof(CatalogueConsistencyTests).Assembly.GetTypes()
            .Where(t => t.Namespace == "AcrGuard.Core.Tests.Rules" && t.Name.EndsWith("Tests", StringComparison.Ordinal))
            .Select(t => RuleTestClass().Match(t.Name))
            .ToList();

        Assert.That(ruleTests, Has.All.Matches<Match>(m => m.Success), "test classes in Rules/ are named AG<nnn><Topic>Tests");
        Assert.That(ruleTests.Select(m => m.Groups["id"].Value), Is.EquivalentTo(RuleCatalog.All.Select(r => r.Id)));
    }

    [Test]
    public void Ids_are_unique_and_in_order()
    {
        var ids = RuleCatalog.All.Select(r => r.Id).ToList();
        Assert.That(ids, Is.Unique.And.Ordered);
    }

    // | [AG001](#ag001) | error | summary |
    [GeneratedRegex(@"^\| \[(?<id>AG\d{3})\]\(#ag\d{3}\) \| (?<severity>error|warning|off) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^## (?<id>AG\d{3})\s*$", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^(?<id>AG\d{3})[A-Z]\w*Tests$")]
    private static partial Regex RuleTestClass();
}
