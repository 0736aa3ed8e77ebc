using System.Text.Json;
using System.Text.Json.Serialization;

namespace AcrGuard.Benchmarks.Admission;

/// <summary>
/// The candidate of issue 14 to replace the hand-written AdmissionRequestDecoder: the same fields,
/// bound by System.Text.Json's source generator, the objects kept as <see cref="JsonElement"/>s.
/// Kept here, beside the benchmark that measured it, not in src: the decoder won (docs/performance.md).
/// </summary>
public sealed class AdmissionReviewDto
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public AdmissionRequestDto? Request { get; set; }
}

public sealed class AdmissionRequestDto
{
    public string? Uid { get; set; }

    public GroupVersionKindDto? Kind { get; set; }

    public string? Operation { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public UserInfoDto? UserInfo { get; set; }

    public bool? DryRun { get; set; }

    [JsonPropertyName("object")]
    public JsonElement? AdmittedObject { get; set; }

    [JsonPropertyName("oldObject")]
    public JsonElement? OldAdmittedObject { get; set; }
}

public sealed class GroupVersionKindDto
{
    public string? Group { get; set; }

    public string? Version { get; set; }

    public string? Kind { get; set; }
}

public sealed class UserInfoDto
{
    public string? Username { get; set; }

    public IReadOnlyList<string>? Groups { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 64)]
[JsonSerializable(typeof(AdmissionReviewDto))]
public sealed partial class AdmissionReviewDtoContext : JsonSerializerContext;
