using System.Text.Json;
using AcrGuard.Rules;

namespace AcrGuard.Tests;

public class RulesCommandTests
{
    [Test]
    public void Json_lists_every_rule_with_the_contract_fields()
    {
        var run = CliRun.Of("rules", "--output", "json");

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var rules = json.RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.That(rules.Select(r => r.GetProperty("id").GetString()), Is.EqualTo(RuleCatalog.All.Select(r => r.Id)));
        var ag011 = rules.Single(r => r.GetProperty("id").GetString() == "AG011");
        Assert.Multiple(() =>
        {
            Assert.That(ag011.GetProperty("severity").GetString(), Is.EqualTo("off"));
            Assert.That(ag011.GetProperty("title").GetString(), Is.EqualTo("Pull annotations on a pod with no ECI marker"));
            Assert.That(ag011.GetProperty("description").GetString(), Does.StartWith("Only ECI reads these annotations"));
            Assert.That(ag011.GetProperty("docs").GetString(), Is.EqualTo("docs/rules.md#ag011"));
            Assert.That(rules.Single(r => r.GetProperty("id").GetString() == "AG001").GetProperty("severity").GetString(), Is.EqualTo("error"));
            Assert.That(rules.Single(r => r.GetProperty("id").GetString() == "AG008").GetProperty("severity").GetString(), Is.EqualTo("warning"));
        });
    }

    [Test]
    public void Json_says_which_rules_acrguard_vap_enforces()
    {
        using var json = JsonDocument.Parse(CliRun.Of("rules", "--output", "json").Stdout);

        var vap = json.RootElement.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("vap").GetBoolean());

        Assert.Multiple(() =>
        {
            Assert.That(vap.Keys, Is.EqualTo(RuleCatalog.All.Select(r => r.Id)));
            Assert.That(vap.Where(r => !r.Value).Select(r => r.Key), Is.EqualTo(new[] { "AG007" }), "edit distance is beyond CEL");
            Assert.That(vap.Where(r => r.Value).Select(r => r.Key), Is.SupersetOf(new[] { "AG001", "AG002", "AG003", "AG004", "AG005", "AG006" }));
        });
    }

    [Test]
    public void Text_gives_each_rule_its_severity_vap_coverage_title_reason_and_docs_section()
    {
        var run = CliRun.Of("rules");

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Does.StartWith("AG001  error    vap  ACR pull annotation on a workload's own metadata\n"));
        Assert.That(run.Stdout, Does.Contain("AG007  error    -    Misspelt ACR pull annotation key\n"));
        Assert.That(run.Stdout, Does.Contain("AG013  warning  vap  Legacy acr-instance-id key\n"));
        Assert.That(run.Stdout, Does.Contain("AG011  off      vap  Pull annotations on a pod with no ECI marker\n"));
        Assert.That(run.Stdout, Does.Contain("       docs/rules.md#ag007\n"));
        Assert.That(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3 * RuleCatalog.All.Count));
    }

    [Test]
    public void An_unknown_output_format_is_a_usage_error()
    {
        var run = CliRun.Of("rules", "--output", "yaml");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("yaml"));
    }

    [Test]
    public void The_short_output_flag_works() =>
        Assert.That(CliRun.Of("rules", "-o", "json").Stdout, Does.StartWith("{"));
}
