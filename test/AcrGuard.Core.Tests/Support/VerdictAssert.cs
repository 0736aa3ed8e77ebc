using AcrGuard.Findings;

namespace AcrGuard.Core.Tests.Support;

internal static class VerdictAssert
{
    /// <summary>The single finding of <paramref name="rule"/>, checked for the message contract: rule id first, one line, under 256 characters.</summary>
    public static Finding Single(Verdict verdict, string rule, FindingSeverity severity, string path)
    {
        var matching = verdict.Findings.Where(f => f.Rule == rule).ToList();
        Assert.That(matching, Has.Count.EqualTo(1), $"{rule} findings in: {Describe(verdict)}");
        var finding = matching[0];
        Assert.Multiple(() =>
        {
            Assert.That(finding.Severity, Is.EqualTo(severity), Describe(verdict));
            Assert.That(finding.Path, Is.EqualTo(path));
            MessageFollowsContract(finding);
        });
        return finding;
    }

    public static void None(Verdict verdict, string rule) =>
        Assert.That(verdict.Findings.Where(f => f.Rule == rule), Is.Empty, Describe(verdict));

    public static void Clean(Verdict verdict)
    {
        Assert.That(verdict.Findings, Is.Empty, Describe(verdict));
        Assert.That(verdict.Allowed, Is.True);
    }

    public static void MessageFollowsContract(Finding finding)
    {
        Assert.That(finding.Message, Does.StartWith(finding.Rule + " "));
        Assert.That(finding.Message, Has.Length.LessThan(256));
        Assert.That(finding.Message, Does.Not.Contain('\n'));
        Assert.That(finding.WarningText, Does.StartWith(finding.Rule));
        Assert.That(finding.WarningText, Has.Length.LessThan(256));
    }

    public static string Describe(Verdict verdict) =>
        verdict.Findings.Count == 0 ? "no findings" : string.Join("; ", verdict.Findings.Select(f => $"{f.Severity} {f.Path}: {f.Message}"));
}
