using System.Text.Json.Serialization;
using k8s.Models;

namespace AcrGuard.Workloads;

/// <summary>
/// ECI's ImageCache (<c>eci.alibabacloud.com/v1</c>, cluster-scoped): the fields AcrGuard reads.
/// KubernetesClient ships no model for it.
/// </summary>
public sealed class ImageCache
{
    public const string ApiVersion = "eci.alibabacloud.com/v1";
    public const string KindName = "ImageCache";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public ImageCacheSpec? Spec { get; set; }
}
