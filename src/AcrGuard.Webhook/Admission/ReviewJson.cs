using System.Text.Json;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// The strict reading of a review's JSON that the envelope (<see cref="AdmissionRequestDecoder"/>)
/// and the namespace guard's label (<see cref="NamespaceModeLabel"/>) share: a value of the wrong
/// type is a 400 that names its path and what was found there.
/// </summary>
internal static class ReviewJson
{
    // The depth System.Text.Json allows by default: no Kubernetes object comes near it, while a
    // body nested 100,000 levels deep is refused before it costs anything.
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>Moves to the next property name of the object being read: false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Reads the value after a property name: a string, or null for JSON null.</summary>
    public static string? OptionalString(ref Utf8JsonReader reader, string path, string? uid)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.String, path, uid);
        return StringValue(ref reader, path, uid);
    }

    /// <summary>The string the reader is on.</summary>
    public static string StringValue(ref Utf8JsonReader reader, string path, string? uid)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader checks structure, not the bytes inside strings: transcoding finds them.
            throw new BadReviewException($"{path}: not valid UTF-8", e) { Uid = uid ?? string.Empty };
        }
    }

    public static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string path, string? uid)
    {
        if (reader.TokenType != token)
        {
            throw Bad($"{path}: expected {Describe(token)}, found {Describe(reader.TokenType)}", uid);
        }
    }

    public static BadReviewException Bad(string message, string? uid) => new(message) { Uid = uid ?? string.Empty };

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };
}
