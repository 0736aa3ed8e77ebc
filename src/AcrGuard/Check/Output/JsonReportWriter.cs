using System.Text.Encodings.Web;
using System.Text.Json;

namespace AcrGuard.Check.Output;

/// <summary>The contract's JSON document: every object, findings or not, as it is judged, and a summary.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    // As the webhook writes its answers: paths (annotations['k8s.aliyun.com/...']) and messages keep
    // their quotes and apostrophes instead of \u0027; a report is read by people and tools, never as HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public IOpenReport Open(CheckReport report, Stream output)
    {
        var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteStartArray("objects");
        return new Writing(json, output, report.Fix != Fixing.FixMode.Off);
    }

    private sealed class Writing(Utf8JsonWriter json, Stream output, bool fixing) : IOpenReport
    {
        public void Write(CheckedObject checkedObject)
        {
            WriteObject(json, checkedObject, fixing);
            ReportFormats.FlushWhenFull(json);
        }

        public void Finish(CheckReport report)
        {
            json.WriteEndArray();
            WriteSkipped(json, report);
            json.WriteStartObject("summary");
            json.WriteNumber("objects", report.ObjectCount);
            json.WriteNumber("denied", report.Denied);
            json.WriteNumber("errors", report.Errors);
            json.WriteNumber("warnings", report.Warnings);
            json.WriteNumber("inputErrors", report.InputErrors.Count);
            json.WriteNumber("skipped", report.Skipped.Count);
            if (fixing)
            {
                json.WriteNumber("fixed", report.FindingsRepaired);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.Flush();
            output.WriteByte((byte)'\n');
        }

        public void Dispose() => json.Dispose();
    }

    private static void WriteObject(Utf8JsonWriter json, CheckedObject o, bool fixing)
    {
        json.WriteStartObject();
        json.WriteString("source", o.Source);
        json.WriteString("apiVersion", o.Identity.ApiVersion);
        json.WriteString("kind", o.Identity.Kind);
        json.WriteString("namespace", o.Identity.Namespace);
        json.WriteString("name", o.Identity.Name);
        json.WriteBoolean("inScope", o.InScope);
        json.WriteBoolean("allowed", o.Verdict.Allowed);
        json.WriteStartArray("findings");
        for (var i = 0; i < o.Verdict.Findings.Count; i++)
        {
            var f = o.Verdict.Findings[i];
            json.WriteStartObject();
            json.WriteString("rule", f.Rule);
            json.WriteString("severity", ReportFormats.Severity(f.Severity));
            json.WriteString("path", f.Path);
            json.WriteString("message", f.Message);
            json.WriteNumber("line", o.LineOf(i));
            if (f.PreExisting)
            {
                json.WriteBoolean("preExisting", true);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (fixing)
        {
            WriteRepairs(json, o);
        }

        json.WriteEndObject();
    }

    // The contract's "fixed" (with the line the finding was on), and the extension "notFixed": what has a repair but was left, and why.
    private static void WriteRepairs(Utf8JsonWriter json, CheckedObject o)
    {
        json.WriteStartArray("fixed");
        foreach (var repair in o.Repaired)
        {
            json.WriteStartObject();
            json.WriteString("rule", repair.Rule);
            json.WriteString("path", repair.Path);
            json.WriteString("description", repair.Description);
            json.WriteNumber("line", repair.Line);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("notFixed");
        foreach (var left in o.Unrepaired)
        {
            json.WriteStartObject();
            json.WriteString("rule", left.Rule);
            json.WriteString("path", left.Path);
            json.WriteString("reason", left.Reason);
            json.WriteNumber("line", left.Line);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // An extension of the contract's document: what a directory walk left out, and why.
    private static void WriteSkipped(Utf8JsonWriter json, CheckReport report)
    {
        json.WriteStartArray("skipped");
        foreach (var skipped in report.Skipped)
        {
            json.WriteStartObject();
            json.WriteString("path", skipped.Path);
            json.WriteString("reason", JsonNamingPolicy.CamelCase.ConvertName(skipped.Reason.ToString()));
            json.WriteString("detail", skipped.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
