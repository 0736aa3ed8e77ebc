using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using AcrGuard.Json;

namespace AcrGuard.Workloads;

/// <summary>
/// The field reads of the object view (<see cref="MetadataView"/>, <see cref="PodView"/>), straight
/// from the UTF-8 bytes. Each is called with the reader on the field's value and leaves it on the
/// value's last token. A value of the wrong type is an <see cref="UnreadableObjectException"/>
/// worded as KubernetesClient's models had it ("Pod at metadata.annotations: expected a map"):
/// <c>null</c> is allowed wherever a model property was nullable, that is everywhere.
/// </summary>
internal static class ViewFields
{
    // The characters System.Text.Json's JSON path puts a property name in brackets for
    // (ReadStack.SpecialCharacters): paths name a field the way the models' errors did.
    private static readonly SearchValues<char> PathSpecials = SearchValues.Create(". '/\"[]()\t\n\r\f\b\\\u0085\u2028\u2029");

    /// <summary>A string field: its text, or null for JSON null.</summary>
    public static string? String(ref Utf8JsonReader reader, string kind, FieldPath path) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => JsonReading.TryGetString(ref reader, out var text) ? text : throw Mismatch(kind, path, "a string"),
        _ => throw Mismatch(kind, path, "a string"),
    };

    /// <summary>A string field the view does not keep: checked as the model checked it, with no string made.</summary>
    public static void CheckString(ref Utf8JsonReader reader, string kind, FieldPath path)
    {
        if (reader.TokenType != JsonTokenType.Null && !IsText(ref reader))
        {
            throw Mismatch(kind, path, "a string");
        }
    }

    /// <summary>Whether a string field (or property name) holds valid UTF-8 text.</summary>
    public static bool IsText(ref Utf8JsonReader reader) =>
        reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName &&
        (reader.ValueIsEscaped ? JsonReading.TryGetString(ref reader, out _) : Utf8.IsValid(reader.ValueSpan));

    /// <summary>Whether a string field starts with an ASCII prefix (JSON null does not).</summary>
    public static bool StartsWith(ref Utf8JsonReader reader, string prefix, string kind, FieldPath path)
    {
        CheckString(ref reader, kind, path);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        return reader.ValueIsEscaped
            ? reader.GetString()!.StartsWith(prefix, StringComparison.Ordinal)
            : reader.ValueSpan.Length >= prefix.Length && Ascii.Equals(reader.ValueSpan[..prefix.Length], prefix);
    }

    /// <summary>A boolean field: true only for JSON true.</summary>
    public static bool Boolean(ref Utf8JsonReader reader, string kind, FieldPath path) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False or JsonTokenType.Null => false,
        _ => throw Mismatch(kind, path, "true or false"),
    };

    /// <summary>An object field: true on its StartObject, false for JSON null.</summary>
    public static bool Object(ref Utf8JsonReader reader, string kind, FieldPath path, string expected = "an object") => reader.TokenType switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.Null => false,
        _ => throw Mismatch(kind, path, expected),
    };

    /// <summary>A list field: true on its StartArray, false for JSON null.</summary>
    public static bool List(ref Utf8JsonReader reader, string kind, FieldPath path) => reader.TokenType switch
    {
        JsonTokenType.StartArray => true,
        JsonTokenType.Null => false,
        _ => throw Mismatch(kind, path, "a list"),
    };

    /// <summary>
    /// The path of a map's entry, as System.Text.Json wrote it (<c>metadata.annotations['a.b/c']</c>):
    /// made only for an error, from a copy of the reader left on the key.
    /// </summary>
    public static string EntryPath(FieldPath path, ref Utf8JsonReader key)
    {
        var name = JsonReading.TryGetString(ref key, out var text) ? text : "?";
        return name.AsSpan().ContainsAny(PathSpecials) ? $"{path}['{name}']" : $"{path}.{name}";
    }

    public static UnreadableObjectException Mismatch(string kind, FieldPath path, string expected) => Mismatch(kind, path.ToString(), expected);

    public static UnreadableObjectException Mismatch(string kind, string path, string expected) =>
        new($"{kind} at {path}: expected {expected}");
}
