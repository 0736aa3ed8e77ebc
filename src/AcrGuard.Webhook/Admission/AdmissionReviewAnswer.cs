using System.Text.Json.Serialization;

namespace AcrGuard.Webhook.Admission;

/// <summary>The AdmissionReview sent back: always the full envelope, never a patch.</summary>
public sealed record AdmissionReviewAnswer(
    [property: JsonPropertyName("response")] AdmissionResponse Response)
{
    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(-2)]
    public string ApiVersion { get; init; } = AdmissionRequestDecoder.ApiVersion;

    [JsonPropertyName("kind")]
    [JsonPropertyOrder(-1)]
    public string Kind { get; init; } = "AdmissionReview";
}
