using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using AcrGuard.Rules;

namespace AcrGuard.Core.Tests;

/// <summary>
/// The Kubernetes API round-trip fixtures (every field of today's API filled in) parse into the
/// typed models and get no finding: the shapes kube-apiserver really sends do not trip AcrGuard.
/// </summary>
public class CorpusTests
{
    public static IEnumerable<string> Fixtures() =>
        Directory.EnumerateFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "assets", "corpus"), "*.json")
            .Where(f => !f.Contains("AdmissionReview", StringComparison.Ordinal))
            .Select(Path.GetFileName)!;

    [TestCaseSource(nameof(Fixtures))]
    public void Corpus_fixture_parses_and_has_no_finding(string file)
    {
        var obj = Objects.ReadJson(Objects.Asset("corpus", file));
        var expectInScope = !file.Contains("PodTemplate", StringComparison.Ordinal);

        var verdict = new Evaluator(AcrGuardConfig.Default).Evaluate(obj);

        Assert.Multiple(() =>
        {
            Assert.That(obj.InScope, Is.EqualTo(expectInScope), "kind in scope");
            Assert.That(obj.Identity.Name, Is.EqualTo("nameValue"));
            Assert.That(verdict.Findings, Is.Empty);
            Assert.That(verdict.Allowed, Is.True);
        });
    }

    [TestCaseSource(nameof(Fixtures))]
    public void Corpus_fixture_with_every_rule_on_still_has_no_finding(string file)
    {
        // The rules that are off by default (AG011) turned on, each as an error.
        var everyRuleOn = new AcrGuardConfig(rules: RuleCatalog.All.Where(r => r.DefaultSeverity == RuleSeverity.Off).ToDictionary(r => r.Id, _ => RuleSeverity.Error));

        var verdict = new Evaluator(everyRuleOn).Evaluate(Objects.ReadJson(Objects.Asset("corpus", file)));

        Assert.That(everyRuleOn.Rules, Is.Not.Empty, "a rule off by default to turn on");
        Assert.That(verdict.Findings, Is.Empty);
    }
}
