using System.Text.Json;

namespace AcrGuard.Check.Output;

/// <summary>The contract's JSON document: every object, findings or not, and a summary.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public void Write(CheckReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
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
        WriteSkipped(json, report);
        json.WriteStartObject("summary");
        json.WriteNumber("objects", report.Objects.Count);
        json.WriteNumber("denied", report.Denied);
        json.WriteNumber("errors", report.Errors);
        json.WriteNumber("warnings", report.Warnings);
        json.WriteNumber("inputErrors", report.InputErrors.Count);
        json.WriteNumber("skipped", report.Skipped.Count);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
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
