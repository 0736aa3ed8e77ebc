using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Rules;

namespace AcrGuard.Check.Output;

/// <summary>
/// The human format: a line per object, a line per finding under it, a line per file skipped,
/// a count per rule id, and a summary last. Coloured when <see cref="AnsiStyle"/> says so.
/// </summary>
public sealed class TextReportWriter(AnsiStyle style) : IReportWriter
{
    public TextReportWriter()
        : this(AnsiStyle.Plain)
    {
    }

    public IOpenReport Open(CheckReport report, Stream output) => new Writing(this, new StreamWriter(output, Manifests.ManifestLoader.Utf8, 64 * 1024, leaveOpen: true));

    private sealed class Writing(TextReportWriter format, StreamWriter writer) : IOpenReport
    {
        // Findings per rule id, counted as the objects go by for the lines before the summary.
        private readonly SortedDictionary<string, (int Errors, int Warnings)> counts = new(StringComparer.Ordinal);

        public void Write(CheckedObject checkedObject)
        {
            format.WriteObject(writer, checkedObject);
            foreach (var finding in checkedObject.Verdict.Findings)
            {
                var (errors, warnings) = counts.GetValueOrDefault(finding.Rule);
                counts[finding.Rule] = finding.Severity == FindingSeverity.Error ? (errors + 1, warnings) : (errors, warnings + 1);
            }
        }

        public void Finish(CheckReport report) => format.WriteEnd(writer, report, counts);

        public void Dispose() => writer.Dispose();
    }

    private void WriteEnd(StreamWriter writer, CheckReport report, SortedDictionary<string, (int Errors, int Warnings)> counts)
    {
        // Directories left unrendered are said on stderr with the command to run (CheckCommand).
        foreach (var skipped in report.Skipped.Where(s => s.Reason != SkipReason.NotRendered))
        {
            writer.WriteLine(style.Dim($"{skipped.Path}: skipped: {skipped.Detail}"));
        }

        WriteRuleCounts(writer, counts);
        writer.WriteLine(style.Enabled && report.Denied > 0 ? style.Bold(Summary(report)) : Summary(report));
    }

    private void WriteObject(StreamWriter writer, CheckedObject o)
    {
        writer.Write(o.Source);
        writer.Write(": ");
        writer.Write(o.Identity.ToString());
        writer.Write(": ");
        writer.WriteLine(Verb(o));
        for (var i = 0; i < o.Verdict.Findings.Count; i++)
        {
            var finding = o.Verdict.Findings[i];
            writer.Write("  ");
            var severity = ReportFormats.Severity(finding.Severity).PadRight(8);
            writer.Write(finding.Severity == FindingSeverity.Error ? style.Red(severity) : style.Yellow(severity));
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

        WriteRepairs(writer, o);
    }

    /// <summary>The closing line: objects, denials, errors, warnings, input errors, what was skipped and, with --fix, what was repaired.</summary>
    public static string Summary(CheckReport report)
    {
        var mode = report.Mode.Name();
        var summary = $"{Plural(report.ObjectCount, "object")} checked ({mode} mode): {report.Denied} denied, {Plural(report.Errors, "error")}, {Plural(report.Warnings, "warning")}" +
            (report.InputErrors.Count > 0 ? $", {Plural(report.InputErrors.Count, "input error")}" : string.Empty);
        return string.Join("; ", [summary, .. SkippedSummary(report.Skipped), .. FixSummary(report)]);
    }

    // "2 repairs in 1 file" after --fix; with --dry-run, said to be not written.
    private static IEnumerable<string> FixSummary(CheckReport report)
    {
        if (report.Fix == Fixing.FixMode.Off)
        {
            yield break;
        }

        var repairs = report.FixedFiles.Sum(f => f.Repairs);
        yield return repairs == 0 ? "nothing repaired" :
            $"{Plural(repairs, "repair")} in {Plural(report.FixedFiles.Count, "file")}{(report.Fix == Fixing.FixMode.DryRun ? ", not written (dry run)" : string.Empty)}";
    }

    // With --fix: each repair made (line: where the finding was), and each left with its reason.
    private void WriteRepairs(StreamWriter writer, CheckedObject o)
    {
        foreach (var repair in o.Repaired)
        {
            writer.WriteLine($"  {style.Green("fixed   ")}{repair.Rule} {repair.Description}  [{repair.Path}] line {repair.Line}");
        }

        foreach (var left in o.Unrepaired)
        {
            writer.WriteLine($"  {style.Yellow("unfixed ")}{left.Rule} {left.Reason}  [{left.Path}] line {left.Line}");
        }
    }

    // "3 files skipped: not Kubernetes objects"; with more reasons, the count of each.
    private static IEnumerable<string> SkippedSummary(List<SkippedInput> skipped)
    {
        var files = skipped.Where(s => s.Reason is SkipReason.NotKubernetes or SkipReason.Template).GroupBy(s => s.Reason).OrderBy(g => g.Key).ToList();
        if (files.Count == 1)
        {
            yield return $"{Plural(files[0].Count(), "file")} skipped: {Reason(files[0].Key, files[0].Count())}";
        }
        else if (files.Count > 1)
        {
            yield return $"{Plural(files.Sum(g => g.Count()), "file")} skipped: {string.Join(", ", files.Select(g => $"{g.Count()} {Reason(g.Key, g.Count())}"))}";
        }

        var unrendered = skipped.Count(s => s.Reason == SkipReason.NotRendered);
        if (unrendered > 0)
        {
            yield return $"{(unrendered == 1 ? "1 directory" : $"{unrendered} directories")} not rendered";
        }

        var components = skipped.Count(s => s.Reason == SkipReason.KustomizeComponent);
        if (components > 0)
        {
            yield return $"{Plural(components, "kustomize component")} not used";
        }
    }

    private static string Reason(SkipReason reason, int count) => reason switch
    {
        SkipReason.Template => count == 1 ? "template outside a chart" : "templates outside a chart",
        _ => count == 1 ? "not a Kubernetes object" : "not Kubernetes objects",
    };

    private void WriteRuleCounts(StreamWriter writer, SortedDictionary<string, (int Errors, int Warnings)> counts)
    {
        foreach (var (rule, (errors, warnings)) in counts)
        {
            var parts = new List<string>();
            if (errors > 0)
            {
                parts.Add(style.Red(Plural(errors, "error")));
            }

            if (warnings > 0)
            {
                parts.Add(style.Yellow(Plural(warnings, "warning")));
            }

            var title = RuleCatalog.All.FirstOrDefault(r => r.Id == rule)?.Title;
            writer.WriteLine($"{rule}: {string.Join(", ", parts)}{(title is null ? string.Empty : $" ({title})")}");
        }
    }

    private string Verb(CheckedObject o)
    {
        var verb = ReportFormats.Verb(o);
        return !o.InScope ? style.Dim(verb) : !o.Verdict.Allowed ? style.Red(verb) : o.Verdict.Warnings > 0 ? style.Yellow(verb) : style.Green(verb);
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
