using System.Text.Json;
using AcrGuard.Json;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// The strict reading of a review's JSON that the envelope (<see cref="AdmissionRequestDecoder"/>)
/// and the namespace guard's label (<see cref="NamespaceModeLabel"/>) share: a value of the wrong
/// type is a 400 that names its path and what was found there. The depth limit, the token names
/// and the UTF-8 check are the manifest reader's too (<see cref="JsonReading"/>).
/// </summary>
internal static class ReviewJson
{
    /// <summary>Reads the value after a property name: a string, or null for JSON null.</summary>
    public static string? OptionalString(ref Utf8JsonReader reader, string path, string? uid) => OptionalString(ref reader, path, uid, []);

    /// <summary>
    /// As <see cref="OptionalString(ref Utf8JsonReader, string, string?)"/>, taking a value that is
    /// one of <paramref name="known"/> as that string: no string per review for the fields whose
    /// values come from a short list.
    /// </summary>
    public static string? OptionalString(ref Utf8JsonReader reader, string path, string? uid, scoped ReadOnlySpan<string> known)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.String, path, uid);
        return JsonReading.TryGetString(ref reader, known, out var text) ? text : throw Bad($"{path}: not valid UTF-8", uid);
    }

    /// <summary>The string the reader is on.</summary>
    public static string StringValue(ref Utf8JsonReader reader, string path, string? uid) =>
        JsonReading.TryGetString(ref reader, out var text) ? text : throw Bad($"{path}: not valid UTF-8", uid);

    public static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string path, string? uid)
    {
        if (reader.TokenType != token)
        {
            throw Bad($"{path}: expected {JsonReading.Describe(token)}, found {JsonReading.Describe(reader.TokenType)}", uid);
        }
    }

    public static BadReviewException Bad(string message, string? uid) => new(message) { Uid = uid ?? string.Empty };
}
