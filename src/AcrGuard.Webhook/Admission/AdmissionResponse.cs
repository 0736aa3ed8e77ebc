using System.Text.Json.Serialization;

namespace AcrGuard.Webhook.Admission;

/// <summary><c>response</c> of an AdmissionReview: the uid echoed, the verdict, a status when not allowed, warnings.</summary>
public sealed record AdmissionResponse(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("allowed")] bool Allowed)
{
    [JsonPropertyName("status")]
    public AdmissionStatus? Status { get; init; }

    [JsonPropertyName("warnings")]
    public IReadOnlyList<string>? Warnings { get; init; }
}
