using System.Text.Json.Serialization.Metadata;
using k8s.Models;

namespace AcrGuard.Workloads;

/// <summary>
/// The fields of KubernetesClient's models that <see cref="ObjectReader"/> reads to build what the
/// rules judge: names, annotations, labels, owners, the pod template, images and the ECI markers.
/// Workloads (<see cref="TemplateWalk"/>) bind only their metadata and pod template, with these
/// same models.
/// Every other field is skipped as the JSON is read, not bound: resources, probes, env, volumes
/// and the rest cost time and memory on every review and decide nothing here. Their schema is not
/// AcrGuard's to check: kube-apiserver validates it before any webhook sees the object.
/// </summary>
/// <remarks>
/// A rule or view that reads a new field must add it here; <c>BoundFieldsTests</c> reads the
/// corpus with and without this list and fails when the two judge any object differently.
/// </remarks>
internal static class BoundFields
{
    private static readonly Dictionary<Type, HashSet<string>> Kept = new()
    {
        [typeof(V1Pod)] = ["apiVersion", "kind", "metadata", "spec"],
        [typeof(V1PodTemplateSpec)] = ["metadata", "spec"],
        [typeof(V1ObjectMeta)] = ["name", "generateName", "namespace", "annotations", "labels", "ownerReferences"],
        [typeof(V1OwnerReference)] = ["controller"],
        [typeof(V1PodSpec)] = ["containers", "initContainers", "ephemeralContainers", "nodeSelector", "nodeName", "tolerations"],
        [typeof(V1Container)] = ["image"],
        [typeof(V1EphemeralContainer)] = ["image"],
        [typeof(V1Toleration)] = ["key"],
    };

    /// <summary>A type-info modifier: drops the properties of the listed models that nothing reads.</summary>
    public static void Prune(JsonTypeInfo typeInfo)
    {
        if (!Kept.TryGetValue(typeInfo.Type, out var kept))
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (!kept.Contains(typeInfo.Properties[i].Name))
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
