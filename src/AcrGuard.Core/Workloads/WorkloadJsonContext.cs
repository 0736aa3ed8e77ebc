using System.Text.Json.Serialization;
using k8s.Models;

namespace AcrGuard.Workloads;

/// <summary>
/// Source-generated metadata for the models <see cref="ObjectReader"/> binds: no reflection, so the
/// native <c>acrguard</c> binds as the JIT build does, and only these kinds' object graphs are
/// compiled in (KubernetesClient.Aot's own context covers every Kubernetes type).
/// </summary>
/// <remarks>
/// The models name every property with <c>[JsonPropertyName]</c>, and quantities and int-or-strings
/// carry their own converters, so no naming policy or converter is set here. BoundFields prunes
/// these type infos as a modifier on this resolver.
/// </remarks>
[JsonSerializable(typeof(V1Pod))]
[JsonSerializable(typeof(ImageCache))]
// Every workload kind (TemplateWalk): its metadata and pod template, bound alone.
[JsonSerializable(typeof(V1ObjectMeta))]
[JsonSerializable(typeof(V1PodTemplateSpec))]
internal sealed partial class WorkloadJsonContext : JsonSerializerContext;
