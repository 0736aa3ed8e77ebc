using System.Text.Json.Serialization;

namespace AcrGuard.Webhook.Admission;

/// <summary>The metav1.Status of a refusal: kube-apiserver shows <see cref="Message"/> to the user.</summary>
public sealed record AdmissionStatus(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message)
{
    [JsonPropertyName("status")]
    public string Status { get; init; } = "Failure";
}
