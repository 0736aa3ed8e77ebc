using System.Globalization;
using AcrGuard.Findings;

namespace AcrGuard.Check.Output;

/// <summary>
/// <c>--output github</c>: a workflow command per finding (<c>::error</c> for errors,
/// <c>::warning</c> for warnings) with its file, line and rule id as title, so that the findings
/// appear on the pull request's diff without code scanning; input errors as <c>::error</c>,
/// directories left unrendered as <c>::notice</c>, and the text summary line last.
/// </summary>
public sealed class GithubReportWriter : IReportWriter
{
    public IOpenReport Open(CheckReport report, Stream output) =>
        new Writing(new StreamWriter(output, Manifests.ManifestLoader.Utf8, 64 * 1024, leaveOpen: true) { NewLine = "\n" });

    private sealed class Writing(StreamWriter writer) : IOpenReport
    {
        public void Write(CheckedObject checkedObject)
        {
            var o = checkedObject;
            for (var i = 0; i < o.Verdict.Findings.Count; i++)
            {
                var finding = o.Verdict.Findings[i];
                writer.WriteLine(WorkflowCommand.Format(
                    finding.Severity == FindingSeverity.Error ? "error" : "warning",
                    [("file", o.File == "-" ? null : o.File), ("line", Math.Max(1, o.LineOf(i)).ToString(CultureInfo.InvariantCulture)), ("title", finding.Rule)],
                    $"{o.Identity}: {finding.WarningText} [{finding.Path}]"));
            }
        }

        public void Finish(CheckReport report)
        {
            foreach (var error in report.InputErrors)
            {
                writer.WriteLine(WorkflowCommand.Format("error", [("title", "acrguard: input error")], error));
            }

            foreach (var skipped in report.Skipped.Where(s => s.Reason == SkipReason.NotRendered))
            {
                writer.WriteLine(WorkflowCommand.Format("notice", [("title", "acrguard: not rendered")], $"{skipped.Path}: {skipped.Detail}"));
            }

            writer.WriteLine(TextReportWriter.Summary(report));
        }

        public void Dispose() => writer.Dispose();
    }
}
