using System.Text.Json;
using AcrGuard.Configuration;
using AcrGuard.Rules;

namespace AcrGuard.Check.Output;

/// <summary>
/// SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps): the rule catalogue as the
/// driver's rules, a result per finding located at its file and document line.
/// </summary>
public sealed class SarifReportWriter : IReportWriter
{
    public void Write(CheckReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json);
        json.WriteStartArray("results");
        foreach (var o in report.Objects)
        {
            for (var i = 0; i < o.Verdict.Findings.Count; i++)
            {
                var f = o.Verdict.Findings[i];
                json.WriteStartObject();
                json.WriteString("ruleId", f.Rule);
                json.WriteNumber("ruleIndex", IndexOf(f.Rule));
                json.WriteString("level", ReportFormats.Severity(f.Severity));
                json.WriteStartObject("message");
                json.WriteString("text", f.WarningText);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", o.File == "-" ? "stdin" : o.File.Replace('\\', '/'));
                json.WriteEndObject();
                json.WriteStartObject("region");
                json.WriteNumber("startLine", Math.Max(1, o.LineOf(i)));
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteStartArray("logicalLocations");
                json.WriteStartObject();
                json.WriteString("fullyQualifiedName", $"{o.Identity}:{f.Path}");
                json.WriteString("kind", "object");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartObject("partialFingerprints");
                json.WriteString("acrguard/v1", $"{o.Identity}|{f.Rule}|{f.Path}");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            ReportFormats.FlushWhenFull(json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

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
