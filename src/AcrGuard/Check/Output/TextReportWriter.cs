using AcrGuard.Configuration;

namespace AcrGuard.Check.Output;

/// <summary>The human format: a line per object, a line per finding under it, a summary last.</summary>
public sealed class TextReportWriter : IReportWriter
{
    public void Write(CheckReport report, Stream output)
    {
        using var writer = new StreamWriter(output, Manifests.ManifestLoader.Utf8, 64 * 1024, leaveOpen: true);
        foreach (var o in report.Objects)
        {
            writer.Write(o.Source);
            writer.Write(": ");
            writer.Write(o.Identity.ToString());
            writer.Write(": ");
            writer.WriteLine(ReportFormats.Verb(o));
            for (var i = 0; i < o.Verdict.Findings.Count; i++)
            {
                var finding = o.Verdict.Findings[i];
                writer.Write("  ");
                writer.Write(ReportFormats.Severity(finding.Severity).PadRight(8));
                writer.Write(finding.WarningText);
                writer.Write("  [");
                writer.Write(finding.Path);

                // Objects read from a cluster (audit) have no file line.
                if (o.Line > 0)
                {
                    writer.Write("] line ");
                    writer.WriteLine(o.LineOf(i));
                }
                else
                {
                    writer.WriteLine(']');
                }
            }
        }

        var mode = report.Mode == EnforcementMode.Audit ? "audit" : "enforce";
        writer.WriteLine(
            $"{Plural(report.Objects.Count, "object")} checked ({mode} mode): {report.Denied} denied, {Plural(report.Errors, "error")}, {Plural(report.Warnings, "warning")}" +
            (report.InputErrors.Count > 0 ? $", {Plural(report.InputErrors.Count, "input error")}" : string.Empty));
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
