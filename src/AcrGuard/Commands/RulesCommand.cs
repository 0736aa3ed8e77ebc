using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using AcrGuard.Configuration;
using AcrGuard.Rules;
using AcrGuard.Vap;

namespace AcrGuard.Commands;

/// <summary><c>acrguard rules</c>: the rule catalogue, for people (text) and for tools (JSON).</summary>
public static class RulesCommand
{
    public static Command Create(Stream stdout)
    {
        var output = new Option<string>("--output", "-o") { Description = "text or json", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var command = new Command("rules", "List the rules: id, default severity, whether `acrguard vap` enforces it, title, why it matters, documentation") { output };
        command.SetAction(result =>
        {
            if (result.GetValue(output) == "json")
            {
                WriteJson(stdout);
            }
            else
            {
                WriteText(stdout);
            }

            stdout.Flush();
            return 0;
        });
        return command;
    }

    public static string SeverityName(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        _ => "off",
    };

    private static void WriteText(Stream stdout)
    {
        using var text = new StreamWriter(stdout, leaveOpen: true);
        foreach (var rule in RuleCatalog.All)
        {
            // The third column: "vap" where `acrguard vap` enforces the rule, "-" where only the webhook and check do.
            text.WriteLine($"{rule.Id}  {SeverityName(rule.DefaultSeverity),-7}  {(VapCoverage.Covers(rule) ? "vap" : "-"),-3}  {rule.Title}");
            text.WriteLine($"       {rule.Description}");
            text.WriteLine($"       {rule.Docs}");
        }
    }

    private static void WriteJson(Stream stdout)
    {
        // The same encoder as the webhook's answers: apostrophes and '<' stay as they are.
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var json = new Utf8JsonWriter(stdout, options);
        json.WriteStartObject();
        json.WriteStartArray("rules");
        foreach (var rule in RuleCatalog.All)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("severity", SeverityName(rule.DefaultSeverity));
            json.WriteString("title", rule.Title);
            json.WriteString("description", rule.Description);
            json.WriteString("docs", rule.Docs);
            json.WriteBoolean("vap", VapCoverage.Covers(rule));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stdout.WriteByte((byte)'\n');
    }
}
