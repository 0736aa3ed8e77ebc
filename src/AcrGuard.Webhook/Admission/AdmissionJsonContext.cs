using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AcrGuard.Webhook.Admission;

/// <summary>Source-generated writers for the answers: no reflection on the hot path.</summary>
[JsonSerializable(typeof(AdmissionReviewAnswer))]
public sealed partial class AdmissionJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Quotes and apostrophes in messages left as they are: the answer goes to kube-apiserver
    /// and to people reading it with curl, never into HTML.
    /// </summary>
    public static AdmissionJsonContext Answers { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>For answers written through a caller's <see cref="Utf8JsonWriter"/>: the writer's encoder is the one used.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
