namespace AcrGuard.Tests;

/// <summary>
/// The reports of a fixed set of inputs (the shipped examples, the corpus, a broken and an empty
/// file) in every format, byte for byte as the writers wrote them before they streamed
/// (assets/reports/, written by commit 110fa30's build): writing object by object changed no byte.
/// </summary>
public class ReportOutputTests
{
    private static readonly string Input = CliRun.InTestDirectory("assets", "reports", "input");

    private static readonly string[] Formats = ["text", "json", "sarif", "junit", "github"];

    private static IEnumerable<TestCaseData> Reports()
    {
        foreach (var format in Formats)
        {
            yield return Case("check", format, ["examples", "corpus", "broken"]);
            yield return Case("empty", format, [Path.Combine("broken", "empty.yaml")]);
            yield return Case("audit-mode", format, ["--config", CliRun.InTestDirectory("examples-config.yaml"), "--mode", "audit", "examples"]);
        }

        foreach (var format in new[] { "text", "json", "sarif" })
        {
            yield return Case("dryrun", format, ["--fix", "--dry-run", "examples"]);
        }
    }

    [TestCaseSource(nameof(Reports))]
    public void Check_prints_each_report_byte_for_byte_as_before(string name, string format, string[] args)
    {
        var inputs = args.Select(a => Path.Exists(Path.Combine(Input, a)) ? Path.Combine(Input, a) : a);

        var run = CliRun.Of(["check", "--output", format, .. inputs]);

        var expected = File.ReadAllText(CliRun.InTestDirectory("assets", "reports", $"{name}.{format}"));
        Assert.That(run.Stdout.Replace(Input + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal), Is.EqualTo(expected));
    }

    private static TestCaseData Case(string name, string format, string[] args) =>
        new TestCaseData(name, format, args).SetArgDisplayNames(name, format);
}
