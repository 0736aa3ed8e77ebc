using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AcrGuard.Json;

/// <summary>
/// What every reader of outside JSON shares (manifests, listed items, admission reviews): one depth
/// limit, one way to name what was found where something else was expected, and a string read that
/// survives bytes that are not UTF-8.
/// </summary>
public static class JsonReading
{
    /// <summary>
    /// The depth System.Text.Json allows by default: no Kubernetes object comes near it, while an
    /// input nested 100,000 levels deep is refused before it costs anything. YAML documents are held
    /// to the same depth as they are turned into JSON.
    /// </summary>
    public const int MaxDepth = 64;

    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Moves to the next property name of the object being read: false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Steps over the value after the property name the reader is on.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>
    /// The string the reader is on; false when its bytes are not valid UTF-8. Utf8JsonReader checks
    /// structure, not the bytes inside strings: transcoding finds them (found by fuzzing the webhook).
    /// </summary>
    public static bool TryGetString(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = reader.GetString() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>
    /// The string the reader is on, as the one of <paramref name="known"/> it equals where it does
    /// (ASCII values only): the fields whose values come from a short list (an apiVersion, a kind,
    /// an operation) cost no string per object read. False when the bytes are not valid UTF-8.
    /// </summary>
    public static bool TryGetString(ref Utf8JsonReader reader, scoped ReadOnlySpan<string> known, [NotNullWhen(true)] out string? text)
    {
        foreach (var candidate in known)
        {
            // An ASCII text is as long in bytes as in characters: another length is told apart
            // without transcoding the candidate (an escaped value is compared whole).
            if ((reader.ValueIsEscaped || reader.ValueSpan.Length == candidate.Length) && reader.ValueTextEquals(candidate))
            {
                text = candidate;
                return true;
            }
        }

        return TryGetString(ref reader, out text);
    }

    /// <summary>A token as an error message names it: "expected an object, found a list".</summary>
    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };
}
