namespace AcrGuard.Check.Output;

/// <summary>The <c>--output</c> formats of <c>acrguard check</c>.</summary>
public static class ReportFormats
{
    public static readonly string[] Names = ["text", "json", "sarif", "junit"];

    public static IReportWriter For(string name) => name switch
    {
        "json" => new JsonReportWriter(),
        "sarif" => new SarifReportWriter(),
        "junit" => new JunitReportWriter(),
        _ => new TextReportWriter(),
    };

    public static string Verb(CheckedObject o) =>
        !o.InScope ? "not in scope" : !o.Verdict.Allowed ? "denied" : o.Verdict.Warnings > 0 ? "allowed with warnings" : "ok";

    public static string Severity(Findings.FindingSeverity severity) =>
        severity == Findings.FindingSeverity.Error ? "error" : "warning";
}
