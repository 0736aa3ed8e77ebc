using System.Text.Json.Serialization;

namespace AcrGuard.Workloads;

/// <summary>The part of an ImageCache spec that secret-free pulls depend on.</summary>
public sealed class ImageCacheSpec
{
    [JsonPropertyName("images")]
    public IList<string>? Images { get; set; }

    /// <summary>Secrets as <c>namespace:name</c>, e.g. <c>default:secret1</c>.</summary>
    [JsonPropertyName("imagePullSecrets")]
    public IList<string>? ImagePullSecrets { get; set; }
}
