namespace AcrGuard.Check.Output;

/// <summary>The <c>--output</c> formats of <c>acrguard check</c>.</summary>
public static class ReportFormats
{
    public static readonly string[] Names = ["text", "json", "sarif", "junit", "github"];

    /// <summary>The writer for <paramref name="name"/>; <paramref name="style"/> colours the text format only.</summary>
    public static IReportWriter For(string name, AnsiStyle? style = null) => name switch
    {
        "json" => new JsonReportWriter(),
        "sarif" => new SarifReportWriter(),
        "junit" => new JunitReportWriter(),
        "github" => new GithubReportWriter(),
        _ => new TextReportWriter(style ?? AnsiStyle.Plain),
    };

    public static string Verb(CheckedObject o) =>
        !o.InScope ? "not in scope" : !o.Verdict.Allowed ? "denied" : o.Verdict.Warnings > 0 ? "allowed with warnings" : "ok";

    // Utf8JsonWriter keeps everything it writes until flushed: a report of a large stream would be
    // held whole in memory (16,000 findings as SARIF: 33 MiB more peak RSS) and written at the end.
    internal static void FlushWhenFull(System.Text.Json.Utf8JsonWriter json, int bytes = 64 * 1024)
    {
        if (json.BytesPending >= bytes)
        {
            json.Flush();
        }
    }

    public static string Severity(Findings.FindingSeverity severity) =>
        severity == Findings.FindingSeverity.Error ? "error" : "warning";
}
