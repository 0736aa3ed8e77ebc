using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.Vap;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AcrGuard.VapOutput;

/// <summary>
/// Writes the policies and bindings for <c>kubectl apply -f</c>: a multi-document YAML stream, or a
/// JSON <c>kind: List</c>. CEL expressions over one line are YAML literal blocks, kept as written.
/// </summary>
public static class VapManifestWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteYaml(VapPolicySet set, TextWriter output, string header)
    {
        foreach (var line in header.Split('\n'))
        {
            output.WriteLine(line.Length == 0 ? "#" : $"# {line}");
        }

        var stream = new YamlStream([.. set.Documents.Select(d => new YamlDocument(Node(d)))]);
        stream.Save(output, assignAnchors: false);
    }

    public static void WriteJson(VapPolicySet set, Stream output)
    {
        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new JsonArray([.. set.Documents.Select(d => d.DeepClone())]),
        };
        using var json = new Utf8JsonWriter(output, JsonOptions);
        list.WriteTo(json);
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static YamlNode Node(JsonNode? node) => node switch
    {
        JsonObject obj => new YamlMappingNode(obj.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), Node(p.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(Node)),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Scalar(value.GetValue<string>()),
        JsonValue value => new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain },
        _ => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
    };

    // A plain scalar that YAML would read as something else (true, 1, null, '') is quoted.
    private static YamlScalarNode Scalar(string text) => new(text)
    {
        Style = text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : text.Length == 0 || LooksTyped(text) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any,
    };

    private static bool LooksTyped(string text) =>
        text is "true" or "false" or "null" or "~" or "yes" or "no" or "on" or "off" or "y" or "n"
        || double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _);
}
