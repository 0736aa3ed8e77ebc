using System.Text.Json;
using System.Text.Json.Serialization;
using AcrGuard.Annotations;
using AcrGuard.Configuration;
using AcrGuard.Images;
using AcrGuard.Workloads;
using k8s;
using k8s.Models;

namespace AcrGuard.Core.Tests.Support;

/// <summary>
/// The reference the view is held to: each object bound whole by KubernetesClient's own model for
/// its kind (every field, KubernetesClient's serializer), and the view built from the model as
/// AcrGuard did before it read objects by its kind table. The fields a rule reads are the model's
/// fields, so an object the reader judges differently from this one is a field the reader lost.
/// </summary>
internal static partial class ModelReader
{
    public static KubeObject Read(string json, IReadOnlyList<WorkloadKind> workloads)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var apiVersion = root.GetProperty("apiVersion").GetString()!;
        var kind = root.GetProperty("kind").GetString()!;
        return (apiVersion, kind) switch
        {
            ("v1", "Pod") => Pod(KubernetesJson.Deserialize<V1Pod>(json)),
            ("v1", "ReplicationController") => Workload(KubernetesJson.Deserialize<V1ReplicationController>(json), ObjectKind.ReplicationController, o => o.Metadata, o => o.Spec?.Template),
            ("apps/v1", "Deployment") => Workload(KubernetesJson.Deserialize<V1Deployment>(json), ObjectKind.Deployment, o => o.Metadata, o => o.Spec?.Template),
            ("apps/v1", "ReplicaSet") => Workload(KubernetesJson.Deserialize<V1ReplicaSet>(json), ObjectKind.ReplicaSet, o => o.Metadata, o => o.Spec?.Template),
            ("apps/v1", "StatefulSet") => Workload(KubernetesJson.Deserialize<V1StatefulSet>(json), ObjectKind.StatefulSet, o => o.Metadata, o => o.Spec?.Template),
            ("apps/v1", "DaemonSet") => Workload(KubernetesJson.Deserialize<V1DaemonSet>(json), ObjectKind.DaemonSet, o => o.Metadata, o => o.Spec?.Template),
            ("batch/v1", "Job") => Workload(KubernetesJson.Deserialize<V1Job>(json), ObjectKind.Job, o => o.Metadata, o => o.Spec?.Template),
            ("batch/v1", "CronJob") => Workload(KubernetesJson.Deserialize<V1CronJob>(json), ObjectKind.CronJob, o => o.Metadata, o => o.Spec?.JobTemplate?.Spec?.Template, o => o.Spec?.JobTemplate?.Metadata),
            ("eci.alibabacloud.com/v1", "ImageCache") => Cache(JsonSerializer.Deserialize(json, ModelJsonContext.Default.CacheModel)!),
            _ => workloads.FirstOrDefault(w => w.ApiVersion == apiVersion && w.Kind == kind) is { } workload
                ? Configured(root, workload)
                : new KubeObject(Identity(apiVersion, kind, Metadata(root)), null),
        };
    }

    /// <summary>
    /// Why KubernetesClient's model cannot bind <paramref name="json"/>, worded as AcrGuard worded the
    /// model's errors (the field's path and the shape it wanted); null when it binds.
    /// </summary>
    public static string? Problem(string json, IReadOnlyList<WorkloadKind> workloads)
    {
        try
        {
            Read(json, workloads);
            return null;
        }
        catch (JsonException e)
        {
            var kind = JsonDocument.Parse(json).RootElement.GetProperty("kind").GetString();
            var path = e.Path is null or "$" ? string.Empty : e.Path.TrimStart('$', '.');
            return $"{kind} at {path}: expected {Expected(e.Message)}";
        }
    }

    // "The JSON value could not be converted to System.Collections.Generic.IDictionary`2[...]":
    // the shape .NET wanted, as a manifest author names it.
    private static string Expected(string message)
    {
        const string Prefix = "The JSON value could not be converted to ";
        var type = message[Prefix.Length..message.IndexOf(". ", StringComparison.Ordinal)];
        return type switch
        {
            _ when type.StartsWith("System.Collections.Generic.IDictionary", StringComparison.Ordinal) => "a map",
            _ when type.StartsWith("System.Collections.Generic.IList", StringComparison.Ordinal) => "a list",
            "System.String" => "a string",
            "System.Boolean" or "System.Nullable`1[System.Boolean]" => "true or false",
            _ => "an object",
        };
    }

    private static KubeObject Pod(V1Pod pod)
    {
        var identity = Identity("v1", "Pod", pod.Metadata);
        return new(identity, new ReviewedObject
        {
            Identity = identity,
            Kind = ObjectKind.Pod,
            Target = Target(pod.Metadata, pod.Spec, "metadata", "spec"),
            IsControllerOwned = IsControllerOwned(pod.Metadata),
        });
    }

    private static KubeObject Workload<T>(T model, ObjectKind kind, Func<T, V1ObjectMeta?> metadata, Func<T, V1PodTemplateSpec?> template, Func<T, V1ObjectMeta?>? jobTemplateMetadata = null)
        where T : IKubernetesObject
    {
        var meta = metadata(model);
        var identity = Identity(model.ApiVersion, model.Kind, meta);
        return new KubeObject(identity, new ReviewedObject
        {
            Identity = identity,
            Kind = kind,
            WorkloadAnnotations = new AnnotationSet("metadata", meta?.Annotations),
            NestedAnnotations = jobTemplateMetadata is null ? [] : [new AnnotationSet("spec.jobTemplate.metadata", jobTemplateMetadata(model)?.Annotations)],
            Target = Target(template(model)?.Metadata, template(model)?.Spec, $"{kind.TemplatePath}.metadata", $"{kind.TemplatePath}.spec"),
            IsControllerOwned = kind.MadeByController && IsControllerOwned(meta),
        });
    }

    // A kind KubernetesClient has no model for: the template at the configured path, bound as a
    // V1PodTemplateSpec, and the metadata of every object template on the way (a field named spec follows it).
    private static KubeObject Configured(JsonElement root, WorkloadKind workload)
    {
        var meta = Metadata(root);
        var identity = Identity(workload.ApiVersion, workload.Kind, meta);
        var nested = new List<AnnotationSet>();
        var at = root;
        var fields = workload.TemplateFields;
        for (var depth = 0; depth < fields.Count; depth++)
        {
            if (depth > 0 && fields[depth] == "spec")
            {
                var path = string.Join('.', fields.Take(depth));
                nested.Add(new AnnotationSet($"{path}.metadata", at.ValueKind == JsonValueKind.Object && at.TryGetProperty("metadata", out var m) ? KubernetesJson.Deserialize<V1ObjectMeta>(m.GetRawText()).Annotations : null));
            }

            if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(fields[depth], out at))
            {
                return new KubeObject(identity, null);
            }
        }

        var template = KubernetesJson.Deserialize<V1PodTemplateSpec>(at.GetRawText());
        return new KubeObject(identity, new ReviewedObject
        {
            Identity = identity,
            Kind = workload.Row,
            WorkloadAnnotations = new AnnotationSet("metadata", meta?.Annotations),
            NestedAnnotations = nested,
            Target = Target(template.Metadata, template.Spec, $"{workload.TemplatePath}.metadata", $"{workload.TemplatePath}.spec"),
        });
    }

    private static KubeObject Cache(CacheModel cache)
    {
        var identity = Identity("eci.alibabacloud.com/v1", "ImageCache", cache.Metadata);
        var images = new List<ImageUse>();
        for (var i = 0; i < (cache.Spec?.Images?.Count ?? 0); i++)
        {
            Add(images, cache.Spec!.Images![i], new ImageUse(null!, "spec.images", i, InContainer: false));
        }

        var secrets = new List<PullSecretRef>();
        for (var i = 0; i < (cache.Spec?.ImagePullSecrets?.Count ?? 0); i++)
        {
            secrets.Add(new PullSecretRef(cache.Spec!.ImagePullSecrets![i] ?? string.Empty, $"spec.imagePullSecrets[{i}]"));
        }

        return new KubeObject(identity, new ReviewedObject
        {
            Identity = identity,
            Kind = ObjectKind.ImageCache,
            Target = new PullTarget(new AnnotationSet("metadata", cache.Metadata?.Annotations), images, hasEciMarker: null),
            PullSecrets = secrets,
        });
    }

    private static PullTarget Target(V1ObjectMeta? metadata, V1PodSpec? spec, string metadataPath, string specPath)
    {
        var images = new List<ImageUse>();
        Containers(images, spec?.Containers?.Select(c => c?.Image), $"{specPath}.containers");
        Containers(images, spec?.InitContainers?.Select(c => c?.Image), $"{specPath}.initContainers");
        Containers(images, spec?.EphemeralContainers?.Select(c => c?.Image), $"{specPath}.ephemeralContainers");
        return new PullTarget(new AnnotationSet(metadataPath, metadata?.Annotations), images, HasEciMarker(metadata, spec));
    }

    private static void Containers(List<ImageUse> images, IEnumerable<string?>? containerImages, string path)
    {
        var i = 0;
        foreach (var image in containerImages ?? [])
        {
            Add(images, image, new ImageUse(null!, path, i++, InContainer: true));
        }
    }

    private static void Add(List<ImageUse> images, string? image, ImageUse at)
    {
        if (ImageReference.Parse(image) is { } reference)
        {
            images.Add(at with { Reference = reference });
        }
    }

    // The visible ECI markers as AG011 reads them (docs/rules.md, AG011).
    private static bool HasEciMarker(V1ObjectMeta? metadata, V1PodSpec? spec) =>
        Is(metadata?.Labels, "alibabacloud.com/eci", "true") || Is(metadata?.Labels, "eci", "true") ||
        metadata?.Annotations?.ContainsKey("alibabacloud.com/burst-resource") == true ||
        Is(spec?.NodeSelector, "type", "virtual-kubelet") || Is(spec?.NodeSelector, "k8s.aliyun.com/vnode", "true") ||
        spec?.NodeName?.StartsWith("virtual-kubelet", StringComparison.Ordinal) == true ||
        spec?.Tolerations?.Any(t => t?.Key is "virtual-kubelet.io/provider" or "k8s.aliyun.com/vnode") == true;

    private static bool Is(IDictionary<string, string>? map, string key, string value) =>
        map?.TryGetValue(key, out var found) == true && found == value;

    private static bool IsControllerOwned(V1ObjectMeta? metadata) => metadata?.OwnerReferences?.Any(o => o?.Controller == true) == true;

    private static V1ObjectMeta? Metadata(JsonElement root) =>
        root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object ? KubernetesJson.Deserialize<V1ObjectMeta>(metadata.GetRawText()) : null;

    private static ObjectIdentity Identity(string apiVersion, string kind, V1ObjectMeta? metadata)
    {
        var name = !string.IsNullOrEmpty(metadata?.Name) ? metadata.Name : !string.IsNullOrEmpty(metadata?.GenerateName) ? metadata.GenerateName + "*" : string.Empty;
        return new ObjectIdentity(apiVersion, kind, metadata?.NamespaceProperty ?? string.Empty, name);
    }

    internal sealed class CacheModel
    {
        [JsonPropertyName("metadata")]
        public V1ObjectMeta? Metadata { get; set; }

        [JsonPropertyName("spec")]
        public CacheSpec? Spec { get; set; }
    }

    internal sealed class CacheSpec
    {
        [JsonPropertyName("images")]
        public IList<string>? Images { get; set; }

        [JsonPropertyName("imagePullSecrets")]
        public IList<string>? ImagePullSecrets { get; set; }
    }

    [JsonSerializable(typeof(CacheModel))]
    internal sealed partial class ModelJsonContext : JsonSerializerContext;
}
