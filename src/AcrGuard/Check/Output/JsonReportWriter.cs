using System.Text.Encodings.Web;
using System.Text.Json;

namespace AcrGuard.Check.Output;

/// <summary>The contract's JSON document: every object, findings or not, and a summary.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    // As the webhook writes its answers: paths (annotations['k8s.aliyun.com/...']) and messages keep
    // their quotes and apostrophes instead of \u0027; a report is read by people and tools, never as HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Write(CheckReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteStartArray("objects");
        foreach (var o in report.Objects)
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
            json.WriteEndObject();

            ReportFormats.FlushWhenFull(json);
        }

        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("objects", report.Objects.Count);
        json.WriteNumber("denied", report.Denied);
        json.WriteNumber("errors", report.Errors);
        json.WriteNumber("warnings", report.Warnings);
        json.WriteNumber("inputErrors", report.InputErrors.Count);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
