using System.Text.Json.Serialization;
using k8s.Models;

namespace AcrGuard.Workloads;

/// <summary>
/// ECI's ImageCache (<see cref="ObjectKind.ImageCache"/>): the fields AcrGuard reads.
/// KubernetesClient ships no model for it.
/// </summary>
public sealed class ImageCache
{
    [JsonPropertyName("metadata")]
    public V1ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public ImageCacheSpec? Spec { get; set; }
}
