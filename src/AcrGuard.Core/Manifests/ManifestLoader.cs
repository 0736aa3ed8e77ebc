using System.Text;
using System.Text.Json;
using AcrGuard.Json;

namespace AcrGuard.Manifests;

/// <summary>
/// Turns an input (a file's text or stdin) into Kubernetes object documents: multi-document
/// YAML, JSON, and the items of a <c>kind: List</c>. Each document is valid until the next one
/// is read, so a stream of any length is held one document at a time.
/// </summary>
public static class ManifestLoader
{
    /// <summary>The documents of <paramref name="text"/>, read from <paramref name="file"/> ("-" for stdin).</summary>
    public static IEnumerable<ManifestDocument> Load(string file, string text)
    {
        // A byte-order mark (editors on Windows write one) is not content: File.ReadAllText drops
        // it, stdin keeps it, and a YAML key or a JSON value would start with it.
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        if (LooksLikeJson(file, text))
        {
            foreach (var document in LoadJson(file, text))
            {
                yield return document;
            }

            yield break;
        }

        foreach (var document in LoadYaml(file, new StringReader(text)))
        {
            yield return document;
        }
    }

    /// <summary>The documents of the YAML read from <paramref name="text"/>, which is disposed when they end.</summary>
    internal static IEnumerable<ManifestDocument> LoadYaml(string file, TextReader text)
    {
        using var reader = text;
        foreach (var yaml in YamlToJson.Read(file, reader))
        {
            using var json = Parse(file, yaml.Line, yaml.Json);
            foreach (var document in Expand(new DocumentAddress(file, yaml.Index, string.Empty), yaml.Line, json.RootElement, 0, yaml.Lines))
            {
                yield return document;
            }
        }
    }

    private static IEnumerable<ManifestDocument> LoadJson(string file, string text)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, JsonReading.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ManifestException($"{file}:{(e.LineNumber ?? 0) + 1}: not valid JSON: {JsonMessage(e)}", e);
        }

        using (json)
        {
            foreach (var document in Expand(new DocumentAddress(file, 1, string.Empty), 1, json.RootElement, 0, new JsonLines(text)))
            {
                yield return document;
            }
        }
    }

    private static JsonDocument Parse(string file, int line, ReadOnlyMemory<byte> utf8)
    {
        try
        {
            return JsonDocument.Parse(utf8, JsonReading.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ManifestException($"{file}:{line}: the document cannot be read as JSON: {JsonMessage(e)}", e);
        }
    }

    // `kubectl get -o yaml` and many tools emit `kind: List` (or a typed FooList) with the objects in items.
    private static IEnumerable<ManifestDocument> Expand(DocumentAddress address, int line, JsonElement root, int depth, IDocumentLines lines)
    {
        if (IsList(root, out var items) && depth < 8)
        {
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                foreach (var document in Expand(address.Item(i), line, item, depth + 1, lines))
                {
                    yield return document;
                }

                i++;
            }

            yield break;
        }

        yield return new ManifestDocument(address, line, root, lines);
    }

    private static bool IsList(JsonElement root, out JsonElement items)
    {
        items = default;
        return root.ValueKind == JsonValueKind.Object &&
            root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String &&
            kind.GetString() is { } name && name.EndsWith("List", StringComparison.Ordinal) &&
            root.TryGetProperty("items", out items) && items.ValueKind is JsonValueKind.Array;
    }

    internal static bool LooksLikeJson(string file, string text)
    {
        if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c is '{' or '[';
            }
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<byte> AsciiWhiteSpace = System.Buffers.SearchValues.Create(" \t\r\n\v\f"u8);

    /// <summary><see cref="LooksLikeJson(string, string)"/> on the UTF-8 bytes of a file.</summary>
    internal static bool LooksLikeJson(string file, ReadOnlySpan<byte> utf8)
    {
        if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // ASCII white space skipped here; anything else not ASCII (a rare file that starts with a
        // no-break space, say) is decoded and judged as the text would be.
        var i = utf8.IndexOfAnyExcept(AsciiWhiteSpace);
        return i >= 0 && (utf8[i] < 0x80 ? utf8[i] is (byte)'{' or (byte)'[' : LooksLikeJson(file, Utf8.GetString(utf8[i..])));
    }

    private static string JsonMessage(JsonException e)
    {
        var message = e.Message;
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.', ' ');
    }

    /// <summary>UTF-8 without throwing: invalid bytes become U+FFFD and surface as a parse error or an odd value.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
}
