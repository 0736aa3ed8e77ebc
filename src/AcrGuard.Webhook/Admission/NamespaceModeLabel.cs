using System.Text.Json;
using AcrGuard.Configuration;
using static AcrGuard.Json.JsonReading;
using static AcrGuard.Webhook.Admission.ReviewJson;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// Reads the one label the namespace guard needs, <c>metadata.labels['acrguard.io/mode']</c>, from
/// a Namespace's raw JSON, skipping the rest: a wrong type on the way there is named in the error.
/// </summary>
internal static class NamespaceModeLabel
{
    /// <summary>The label's value, or null when the namespace has no such label.</summary>
    /// <exception cref="BadReviewException">The object's metadata or labels are not what a Namespace has.</exception>
    public static string? Read(ReadOnlySpan<byte> json, string path)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        reader.Read();
        Expect(ref reader, JsonTokenType.StartObject, path, null);
        while (NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals("metadata"u8))
            {
                SkipValue(ref reader);
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            Expect(ref reader, JsonTokenType.StartObject, $"{path}.metadata", null);
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("labels"u8))
                {
                    return Label(ref reader, $"{path}.metadata.labels");
                }

                SkipValue(ref reader);
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

        Expect(ref reader, JsonTokenType.StartObject, path, null);
        while (NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals(ModeLabelPolicy.Label))
            {
                SkipValue(ref reader);
                continue;
            }

            return OptionalString(ref reader, $"{path}['{ModeLabelPolicy.Label}']", null);
        }

        return null;
    }
}
