using System.Text.Json;
using AcrGuard.Annotations;
using AcrGuard.Json;
using static AcrGuard.Workloads.ViewFields;

namespace AcrGuard.Workloads;

/// <summary>
/// What the rules read of an object's metadata, read from its bytes: the name, the annotations a rule
/// acts on (<see cref="AnnotationSet"/>), the ECI markers among its labels and annotations, and
/// whether a controller owns it. The fields KubernetesClient's <c>V1ObjectMeta</c> was bound with
/// (name, generateName, namespace, annotations, labels, ownerReferences) are checked for their type
/// as it checked them; every other field is stepped over.
/// </summary>
internal sealed class MetadataView
{
    private readonly string path;
    private AnnotationSet? annotations;
    private bool eciLabel;
    private bool shortEciLabel;
    private bool burstAnnotation;

    private MetadataView(string path) => this.path = path;

    public string? Name { get; private set; }

    public string? GenerateName { get; private set; }

    public string? Namespace { get; private set; }

    /// <summary>The annotations a rule acts on; an empty set at this metadata's path when there are none.</summary>
    public AnnotationSet Annotations => annotations ??= AnnotationSet.Empty(path);

    /// <summary>An <c>alibabacloud.com/eci</c> or <c>eci</c> label set to "true", or the <c>alibabacloud.com/burst-resource</c> annotation (AG011).</summary>
    public bool HasEciMarker => eciLabel || shortEciLabel || burstAnnotation;

    /// <summary>An owner reference with <c>controller: true</c>.</summary>
    public bool HasController { get; private set; }

    /// <summary>The metadata the reader is on, or null for JSON null; <paramref name="path"/> is where it is (<c>spec.template.metadata</c>).</summary>
    public static MetadataView? Read(ref Utf8JsonReader reader, string kind, string path)
    {
        if (!Object(ref reader, kind, FieldPath.Of(path)))
        {
            return null;
        }

        var view = new MetadataView(path);
        while (JsonReading.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                view.Name = String(ref reader, kind, new(path, "name"));
            }
            else if (reader.ValueTextEquals("generateName"u8))
            {
                reader.Read();
                view.GenerateName = String(ref reader, kind, new(path, "generateName"));
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                reader.Read();
                view.Namespace = String(ref reader, kind, new(path, "namespace"));
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                view.ReadAnnotations(ref reader, kind, path);
            }
            else if (reader.ValueTextEquals("labels"u8))
            {
                reader.Read();
                view.ReadLabels(ref reader, kind, new(path, "labels"));
            }
            else if (reader.ValueTextEquals("ownerReferences"u8))
            {
                reader.Read();
                view.HasController = Owners(ref reader, kind, new(path, "ownerReferences"));
            }
            else
            {
                JsonReading.SkipValue(ref reader);
            }
        }

        return view;
    }

    // The keys a rule acts on get strings (pull keys are the catalogue's own strings); every other
    // key is decoded onto the stack, asked whether it looks like a pull key, and dropped.
    private void ReadAnnotations(ref Utf8JsonReader reader, string kind, string metadataPath)
    {
        // A repeated map replaces the first, as the last value wins for kube-apiserver's decoder too.
        annotations = AnnotationSet.Empty(metadataPath);
        burstAnnotation = false;
        var path = new FieldPath(metadataPath, "annotations");
        if (!Object(ref reader, kind, path, "a map"))
        {
            return;
        }

        // Room for any key Kubernetes accepts (a 253-character prefix, a 63-character name); only a
        // longer one, which kube-apiserver refuses, is decoded into a string.
        Span<char> buffer = stackalloc char[320];
        while (JsonReading.NextProperty(ref reader))
        {
            var key = reader;
            var kept = KeptKey(ref reader, buffer, kind, path);
            burstAnnotation |= reader.ValueTextEquals("alibabacloud.com/burst-resource"u8);
            reader.Read();
            if (kept is null)
            {
                CheckEntry(ref reader, kind, path, ref key);
            }
            else
            {
                annotations.Set(kept, Value(ref reader, kind, path, ref key));
            }
        }
    }

    private static string? KeptKey(ref Utf8JsonReader reader, scoped Span<char> buffer, string kind, FieldPath path)
    {
        foreach (var pull in AcrAnnotationKeys.InOrder)
        {
            if (reader.ValueTextEquals(pull))
            {
                return pull;
            }
        }

        if (reader.ValueSpan.Length > buffer.Length)
        {
            var text = JsonReading.TryGetString(ref reader, out var whole) ? whole : throw Mismatch(kind, path, "a map");
            return AnnotationSet.Keeps(text) ? text : null;
        }

        int length;
        try
        {
            length = reader.CopyString(buffer);
        }
        catch (InvalidOperationException)
        {
            throw Mismatch(kind, path, "a map");
        }

        return AnnotationSet.Keeps(buffer[..length]) ? new string(buffer[..length]) : null;
    }

    private static string? Value(ref Utf8JsonReader reader, string kind, FieldPath path, ref Utf8JsonReader key)
    {
        if (reader.TokenType == JsonTokenType.String && JsonReading.TryGetString(ref reader, out var text))
        {
            return text;
        }

        CheckEntry(ref reader, kind, path, ref key);
        return null;
    }

    private static void CheckEntry(ref Utf8JsonReader reader, string kind, FieldPath path, ref Utf8JsonReader key)
    {
        if (reader.TokenType != JsonTokenType.Null && !IsText(ref reader))
        {
            throw Mismatch(kind, EntryPath(path, ref key), "a string");
        }
    }

    // Only the ECI labels matter; the last value of a repeated key is the one that counts.
    private void ReadLabels(ref Utf8JsonReader reader, string kind, FieldPath path)
    {
        eciLabel = shortEciLabel = false;
        if (!Object(ref reader, kind, path, "a map"))
        {
            return;
        }

        while (JsonReading.NextProperty(ref reader))
        {
            var key = reader;
            if (!IsText(ref reader))
            {
                throw Mismatch(kind, path, "a map");
            }

            var isEci = reader.ValueTextEquals("alibabacloud.com/eci"u8);
            var isShortEci = reader.ValueTextEquals("eci"u8);
            reader.Read();
            CheckEntry(ref reader, kind, path, ref key);
            var isTrue = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("true"u8);
            eciLabel = isEci ? isTrue : eciLabel;
            shortEciLabel = isShortEci ? isTrue : shortEciLabel;
        }
    }

    private static bool Owners(ref Utf8JsonReader reader, string kind, FieldPath path)
    {
        var controlled = false;
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

            var controller = false;
            while (JsonReading.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("controller"u8))
                {
                    reader.Read();
                    controller = Boolean(ref reader, kind, path.At(i, "controller"));
                }
                else
                {
                    JsonReading.SkipValue(ref reader);
                }
            }

            controlled |= controller;
        }

        return controlled;
    }
}
