using System.Text.Json;
using AcrGuard.Configuration;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// Reads the one label the namespace guard needs, <c>metadata.labels['acrguard.io/mode']</c>, from
/// a Namespace's raw JSON, skipping the rest: a wrong type on the way there is named in the error.
/// </summary>
internal static class NamespaceModeLabel
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>The label's value, or null when the namespace has no such label.</summary>
    /// <exception cref="BadReviewException">The object's metadata or labels are not what a Namespace has.</exception>
    public static string? Read(ReadOnlySpan<byte> json, string path)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        reader.Read();
        Expect(ref reader, JsonTokenType.StartObject, path);
        while (NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            Expect(ref reader, JsonTokenType.StartObject, $"{path}.metadata");
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("labels"u8))
                {
                    return Label(ref reader, $"{path}.metadata.labels");
                }

                reader.Read();
                reader.Skip();
            }

            return null;
        }

        return null;
    }

    private static string? Label(ref Utf8JsonReader reader, string path)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject, path);
        while (NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals(ModeLabelPolicy.Label))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            var labelPath = $"{path}['{ModeLabelPolicy.Label}']";
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            Expect(ref reader, JsonTokenType.String, labelPath);
            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException e)
            {
                throw new BadReviewException($"{labelPath}: not valid UTF-8", e);
            }
        }

        return null;
    }

    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string path)
    {
        if (reader.TokenType != token)
        {
            throw new BadReviewException($"{path}: expected {(token == JsonTokenType.String ? "a string" : "an object")}, found {Describe(reader.TokenType)}");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };
}
