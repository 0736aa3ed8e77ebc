using System.Text.Json;
using AcrGuard.Images;
using AcrGuard.Json;
using static AcrGuard.Workloads.ViewFields;

namespace AcrGuard.Workloads;

/// <summary>
/// Reads a pod (a Pod, or a workload's pod template) from its bytes into the <see cref="PullTarget"/>
/// the rules judge: the annotations of its metadata, the images of its containers, init containers
/// and ephemeral containers in that order, and whether it carries a visible ECI marker (AG011). Of
/// the spec only the fields KubernetesClient's <c>V1PodSpec</c> was bound with are read: the
/// containers' images, nodeSelector, nodeName and the tolerations' keys.
/// </summary>
internal static class PodView
{
    /// <summary>The pod the reader is on (its StartObject); <paramref name="isObject"/> for a Pod, whose apiVersion and kind are checked too.</summary>
    public static (MetadataView? Metadata, PullTarget Target) Read(ref Utf8JsonReader reader, string kind, PodPaths paths, bool isObject)
    {
        MetadataView? metadata = null;
        Spec? spec = null;
        // The walk to a template and the object's header have checked that this is an object.
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (JsonReading.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("metadata"u8))
                {
                    reader.Read();
                    metadata = MetadataView.Read(ref reader, kind, paths.Metadata);
                }
                else if (reader.ValueTextEquals("spec"u8))
                {
                    reader.Read();
                    spec = ReadSpec(ref reader, kind, paths);
                }
                else if (isObject && (reader.ValueTextEquals("apiVersion"u8) || reader.ValueTextEquals("kind"u8)))
                {
                    var field = reader.ValueTextEquals("kind"u8) ? "kind" : "apiVersion";
                    reader.Read();
                    CheckString(ref reader, kind, FieldPath.Of(field));
                }
                else
                {
                    JsonReading.SkipValue(ref reader);
                }
            }
        }

        var target = new PullTarget(
            metadata?.Annotations ?? Annotations.AnnotationSet.Empty(paths.Metadata),
            spec?.Images() ?? [],
            metadata?.HasEciMarker == true || spec?.HasEciMarker == true);
        return (metadata, target);
    }

    private static Spec? ReadSpec(ref Utf8JsonReader reader, string kind, PodPaths paths)
    {
        if (!Object(ref reader, kind, FieldPath.Of(paths.Spec)))
        {
            return null;
        }

        var spec = new Spec();
        while (JsonReading.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("containers"u8))
            {
                reader.Read();
                spec.Containers = Containers(ref reader, kind, paths.Containers);
            }
            else if (reader.ValueTextEquals("initContainers"u8))
            {
                reader.Read();
                spec.InitContainers = Containers(ref reader, kind, paths.InitContainers);
            }
            else if (reader.ValueTextEquals("ephemeralContainers"u8))
            {
                reader.Read();
                spec.EphemeralContainers = Containers(ref reader, kind, paths.EphemeralContainers);
            }
            else if (reader.ValueTextEquals("nodeSelector"u8))
            {
                reader.Read();
                spec.NodeSelectorMarker = NodeSelector(ref reader, kind, new(paths.Spec, "nodeSelector"));
            }
            else if (reader.ValueTextEquals("nodeName"u8))
            {
                reader.Read();
                spec.NodeNameMarker = StartsWith(ref reader, "virtual-kubelet", kind, new(paths.Spec, "nodeName"));
            }
            else if (reader.ValueTextEquals("tolerations"u8))
            {
                reader.Read();
                spec.TolerationMarker = Tolerations(ref reader, kind, new(paths.Spec, "tolerations"));
            }
            else
            {
                JsonReading.SkipValue(ref reader);
            }
        }

        return spec;
    }

    // The images of one container list; a container without one (or null) still takes its index.
    private static List<ImageUse>? Containers(ref Utf8JsonReader reader, string kind, string listPath)
    {
        var path = FieldPath.Of(listPath);
        if (!List(ref reader, kind, path))
        {
            return null;
        }

        var images = new List<ImageUse>();
        for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            if (!Object(ref reader, kind, path.At(i)))
            {
                continue;
            }

            string? image = null;
            while (JsonReading.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("image"u8))
                {
                    reader.Read();
                    image = String(ref reader, kind, path.At(i, "image"));
                }
                else
                {
                    JsonReading.SkipValue(ref reader);
                }
            }

            if (ImageReference.Parse(image) is { } reference)
            {
                images.Add(new ImageUse(reference, listPath, i, InContainer: true));
            }
        }

        return images;
    }

    // type: virtual-kubelet, or k8s.aliyun.com/vnode: "true"; the last value of a repeated key counts.
    private static bool NodeSelector(ref Utf8JsonReader reader, string kind, FieldPath path)
    {
        bool virtualKubelet = false, vnode = false;
        if (!Object(ref reader, kind, path, "a map"))
        {
            return false;
        }

        while (JsonReading.NextProperty(ref reader))
        {
            var key = reader;
            if (!IsText(ref reader))
            {
                throw Mismatch(kind, path, "a map");
            }

            var isType = reader.ValueTextEquals("type"u8);
            var isVnode = reader.ValueTextEquals("k8s.aliyun.com/vnode"u8);
            reader.Read();
            if (reader.TokenType != JsonTokenType.Null && !IsText(ref reader))
            {
                throw Mismatch(kind, EntryPath(path, ref key), "a string");
            }

            var value = reader.TokenType == JsonTokenType.String;
            virtualKubelet = isType ? value && reader.ValueTextEquals("virtual-kubelet"u8) : virtualKubelet;
            vnode = isVnode ? value && reader.ValueTextEquals("true"u8) : vnode;
        }

        return virtualKubelet || vnode;
    }

    private static bool Tolerations(ref Utf8JsonReader reader, string kind, FieldPath path)
    {
        var marker = false;
        if (!List(ref reader, kind, path))
        {
            return false;
        }

        for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            if (!Object(ref reader, kind, path.At(i)))
            {
                continue;
            }

            var eci = false;
            while (JsonReading.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("key"u8))
                {
                    reader.Read();
                    CheckString(ref reader, kind, path.At(i, "key"));
                    eci = reader.TokenType == JsonTokenType.String &&
                        (reader.ValueTextEquals("virtual-kubelet.io/provider"u8) || reader.ValueTextEquals("k8s.aliyun.com/vnode"u8));
                }
                else
                {
                    JsonReading.SkipValue(ref reader);
                }
            }

            marker |= eci;
        }

        return marker;
    }

    /// <summary>What a pod spec holds for the rules, field by field: a repeated field replaces the first.</summary>
    private sealed class Spec
    {
        public List<ImageUse>? Containers { get; set; }

        public List<ImageUse>? InitContainers { get; set; }

        public List<ImageUse>? EphemeralContainers { get; set; }

        public bool NodeSelectorMarker { get; set; }

        public bool NodeNameMarker { get; set; }

        public bool TolerationMarker { get; set; }

        public bool HasEciMarker => NodeSelectorMarker || NodeNameMarker || TolerationMarker;

        // Containers, then init containers, then ephemeral containers, whatever the order of the fields.
        public List<ImageUse> Images()
        {
            if (InitContainers is null && EphemeralContainers is null)
            {
                return Containers ?? [];
            }

            return [.. Containers ?? [], .. InitContainers ?? [], .. EphemeralContainers ?? []];
        }
    }
}
