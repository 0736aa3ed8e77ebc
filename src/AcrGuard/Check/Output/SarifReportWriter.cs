using System.Text.Encodings.Web;
using System.Text.Json;
using AcrGuard.Check.Fixing;
using AcrGuard.Configuration;
using AcrGuard.Rules;

namespace AcrGuard.Check.Output;

/// <summary>
/// SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps): the rule catalogue as the
/// driver's rules, a result per finding located at its file and document line.
/// </summary>
public sealed class SarifReportWriter : IReportWriter
{
    // As the webhook writes its answers: paths (annotations['k8s.aliyun.com/...']) and messages keep
    // their quotes and apostrophes instead of \u0027; a report is read by people and tools, never as HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public IOpenReport Open(CheckReport report, Stream output)
    {
        var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json);
        json.WriteStartArray("results");
        return new Writing(json, output, report.Fix == FixMode.DryRun);
    }

    private sealed class Writing(Utf8JsonWriter json, Stream output, bool dryRun) : IOpenReport
    {
        public void Write(CheckedObject checkedObject)
        {
            var o = checkedObject;
            for (var i = 0; i < o.Verdict.Findings.Count; i++)
            {
                var f = o.Verdict.Findings[i];
                WriteResult(json, o, f.Rule, ReportFormats.Severity(f.Severity), f.WarningText, o.LineOf(i), f.Path);
                json.WriteEndObject();
            }

            if (dryRun)
            {
                WriteFixable(json, o);
            }

            ReportFormats.FlushWhenFull(json);
        }

        public void Finish(CheckReport report)
        {
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            output.WriteByte((byte)'\n');
        }

        public void Dispose() => json.Dispose();
    }

    // One result, left open for what follows its fingerprints.
    private static void WriteResult(Utf8JsonWriter json, CheckedObject o, string rule, string level, string message, int line, string path)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", rule);
        json.WriteNumber("ruleIndex", IndexOf(rule));
        json.WriteString("level", level);
        json.WriteStartObject("message");
        json.WriteString("text", message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri(o));
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, line));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("fullyQualifiedName", $"{o.Identity}:{path}");
        json.WriteString("kind", "object");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("acrguard/v1", $"{o.Identity}|{rule}|{path}");
        json.WriteEndObject();
    }

    // --fix --dry-run: the files still have these findings, so each is a result located in the
    // file as it is, with its repair as SARIF's fix (the repair's own replacements, in characters).
    private static void WriteFixable(Utf8JsonWriter json, CheckedObject o)
    {
        foreach (var repair in o.Repaired)
        {
            var severity = repair.Finding?.Severity is { } found ? ReportFormats.Severity(found) : "error";
            WriteResult(json, o, repair.Rule, severity, repair.Finding?.WarningText ?? repair.Description, repair.Line, repair.Path);
            json.WriteStartArray("fixes");
            json.WriteStartObject();
            json.WriteStartObject("description");
            json.WriteString("text", repair.Description);
            json.WriteEndObject();
            json.WriteStartArray("artifactChanges");
            json.WriteStartObject();
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", Uri(o));
            json.WriteEndObject();
            json.WriteStartArray("replacements");
            foreach (var edit in repair.Edits)
            {
                json.WriteStartObject();
                json.WriteStartObject("deletedRegion");
                json.WriteNumber("charOffset", edit.Start);
                json.WriteNumber("charLength", edit.End - edit.Start);
                json.WriteEndObject();
                json.WriteStartObject("insertedContent");
                json.WriteString("text", edit.Replacement);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    private static string Uri(CheckedObject o) => o.File == "-" ? "stdin" : o.File.Replace('\\', '/');

    private static void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "AcrGuard");
        json.WriteString("semanticVersion", typeof(SarifReportWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        json.WriteString("informationUri", "https://github.com/acrguard/acrguard");
        json.WriteStartArray("rules");
        foreach (var rule in RuleCatalog.All)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Title);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description);
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", rule.DefaultSeverity switch
            {
                RuleSeverity.Error => "error",
                RuleSeverity.Warning => "warning",
                _ => "none",
            });
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static int IndexOf(string ruleId)
    {
        for (var i = 0; i < RuleCatalog.All.Count; i++)
        {
            if (RuleCatalog.All[i].Id == ruleId)
            {
                return i;
            }
        }

        return -1;
    }
}
