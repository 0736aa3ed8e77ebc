using System.Runtime.InteropServices;
using System.Text.Json;
using AcrGuard.Configuration;
using AcrGuard.Json;

namespace AcrGuard.Workloads;

/// <summary>
/// Reads a JSON object into the view the rules judge (<see cref="ReviewedObject"/>), straight from
/// its UTF-8 bytes: no intermediate model, no document. The kind is read first and the kind table
/// (<see cref="ObjectKind"/>) says how the rest is read; kinds out of scope are named but never read.
/// </summary>
/// <remarks>
/// Only what a rule reads is read (metadata, annotations, owners, the pod template's metadata, the
/// containers' images, the ECI markers, ImageCache's images and secrets); a value of the wrong type
/// there is an error naming the field, as KubernetesClient's models had it, and every other field is
/// stepped over (kube-apiserver validates the schema before any webhook sees the object). Every
/// rule test compares this reader with KubernetesClient's whole model of its fixture
/// (<c>Support/ModelReader</c>), so a field the view lacks fails a test.
/// </remarks>
public static class ObjectReader
{
    // Any element: the header check below names what a non-object is.
    public static KubeObject Read(JsonElement root) => Read(JsonMarshal.GetRawUtf8Value(root));

    /// <summary>Reads an object, binding the configured <paramref name="workloads"/> kinds too.</summary>
    public static KubeObject Read(JsonElement root, IReadOnlyList<WorkloadKind> workloads) =>
        Read(JsonMarshal.GetRawUtf8Value(root), workloads);

    /// <summary>Reads an object from its JSON bytes, with no document built in between.</summary>
    public static KubeObject Read(ReadOnlySpan<byte> json) => Read(json, []);

    /// <summary>Reads an object from its JSON bytes, binding the configured <paramref name="workloads"/> kinds too.</summary>
    public static KubeObject Read(ReadOnlySpan<byte> json, IReadOnlyList<WorkloadKind> workloads)
    {
        var reader = new Utf8JsonReader(json, JsonReading.ReaderOptions);
        return Read(ref reader, workloads);
    }

    /// <summary>
    /// Reads the object the reader is on (or about to read), leaving the reader on its last token:
    /// the webhook binds a review's object in the same pass that reads the envelope, so its bytes
    /// are read once. Every other overload comes here: one way to bind, whatever the source.
    /// </summary>
    public static KubeObject Read(ref Utf8JsonReader reader, IReadOnlyList<WorkloadKind> workloads)
    {
        var (apiVersion, kind) = Header(ref reader);
        if ((ObjectKind.Find(apiVersion, kind) ?? Configured(workloads, apiVersion, kind)) is not { } row)
        {
            return OutOfScope(ref reader, apiVersion, kind);
        }

        try
        {
            return row.Binding switch
            {
                KindBinding.Pod => Pod(ref reader, row),
                KindBinding.ImageCache => CacheView.Read(ref reader, kind),
                _ => TemplateWalk.Read(ref reader, row),
            };
        }
        catch (JsonException e)
        {
            // Not JSON past the header: the webhook's decoder finds it again and refuses the body.
            throw new UnreadableObjectException($"{kind}: {FirstSentence(e.Message)}", e);
        }
    }

    // A handful of entries at most: a scan costs less than hashing the two strings.
    private static ObjectKind? Configured(IReadOnlyList<WorkloadKind> workloads, string apiVersion, string kind)
    {
        for (var i = 0; i < workloads.Count; i++)
        {
            if (workloads[i].Kind == kind && workloads[i].ApiVersion == apiVersion)
            {
                return workloads[i].Row;
            }
        }

        return null;
    }

    // apiVersion and kind, read ahead on a copy of the reader before anything is bound, which is
    // left on the object's first token. kube-apiserver writes them first, so the look-ahead stops
    // after a few tokens.
    private static (string ApiVersion, string Kind) Header(ref Utf8JsonReader reader)
    {
        string? apiVersion = null, kind = null;
        try
        {
            if (reader.TokenType == JsonTokenType.None)
            {
                reader.Read();
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new UnreadableObjectException($"not a Kubernetes object: expected a JSON object, found {JsonReading.Describe(reader.TokenType)}");
            }

            var ahead = reader;
            while (ahead.Read() && ahead.TokenType == JsonTokenType.PropertyName && (apiVersion is null || kind is null))
            {
                if (ahead.ValueTextEquals("apiVersion"u8))
                {
                    ahead.Read();
                    apiVersion = HeaderString(ref ahead, "apiVersion", ObjectKind.KnownApiVersions);
                }
                else if (ahead.ValueTextEquals("kind"u8))
                {
                    ahead.Read();
                    kind = HeaderString(ref ahead, "kind", ObjectKind.KnownNames);
                }
                else
                {
                    JsonReading.SkipValue(ref ahead);
                }
            }
        }
        catch (JsonException e)
        {
            throw new UnreadableObjectException($"not a Kubernetes object: {FirstSentence(e.Message)}", e);
        }

        return (apiVersion ?? throw new UnreadableObjectException("not a Kubernetes object: no apiVersion"),
            kind ?? throw new UnreadableObjectException("not a Kubernetes object: no kind"));
    }

    private static string HeaderString(ref Utf8JsonReader reader, string property, scoped ReadOnlySpan<string> known)
    {
        string? text = null;
        if (reader.TokenType == JsonTokenType.String && !JsonReading.TryGetString(ref reader, known, out text))
        {
            throw new UnreadableObjectException($"{property} is not valid UTF-8");
        }

        return string.IsNullOrEmpty(text)
            ? throw new UnreadableObjectException($"not a Kubernetes object: {property} must be a non-empty string, found {JsonReading.Describe(reader.TokenType)}")
            : text;
    }

    // Kinds out of scope are named in output but never bound: their metadata's name and namespace
    // are read on the way past, and the rest is stepped over token by token, with no document built.
    private static KubeObject OutOfScope(ref Utf8JsonReader reader, string apiVersion, string kind)
    {
        string? name = null, generateName = null, ns = null;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMetadata = reader.ValueTextEquals("metadata"u8);
                reader.Read();
                if (!isMetadata || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("name"u8))
                    {
                        name = OptionalString(ref reader, "name");
                    }
                    else if (reader.ValueTextEquals("generateName"u8))
                    {
                        generateName = OptionalString(ref reader, "generateName");
                    }
                    else if (reader.ValueTextEquals("namespace"u8))
                    {
                        ns = OptionalString(ref reader, "namespace");
                    }
                    else
                    {
                        JsonReading.SkipValue(ref reader);
                    }
                }
            }
        }
        catch (JsonException e)
        {
            throw new UnreadableObjectException($"{kind}: {FirstSentence(e.Message)}", e);
        }

        return new KubeObject(new ObjectIdentity(apiVersion, kind, ns ?? string.Empty, NameOf(name, generateName)), null);
    }

    private static KubeObject Pod(ref Utf8JsonReader reader, ObjectKind pod)
    {
        var (metadata, target) = PodView.Read(ref reader, pod.Name, pod.Paths!, isObject: true);
        var identity = Identity(pod.ApiVersion, pod.Name, metadata);
        return new(identity, new ReviewedObject
        {
            Identity = identity,
            Kind = pod,
            Target = target,
            IsControllerOwned = pod.MadeByController && metadata?.HasController == true,
        });
    }

    internal static ObjectIdentity Identity(string apiVersion, string kind, MetadataView? metadata) =>
        new(apiVersion, kind, metadata?.Namespace ?? string.Empty, NameOf(metadata?.Name, metadata?.GenerateName));

    // Pods from a controller have only generateName at admission; show it the way kubectl does.
    private static string NameOf(string? name, string? generateName) =>
        !string.IsNullOrEmpty(name) ? name : !string.IsNullOrEmpty(generateName) ? generateName + "*" : string.Empty;

    /// <summary>
    /// The string value after a property name, or null for any other value (skipped); bytes that are
    /// not UTF-8 are an unreadable object, naming <paramref name="property"/>.
    /// </summary>
    internal static string? OptionalString(ref Utf8JsonReader reader, string property) => OptionalString(ref reader, property, []);

    /// <summary>As <see cref="OptionalString(ref Utf8JsonReader, string)"/>, a value equal to one of <paramref name="known"/> taken as that string.</summary>
    internal static string? OptionalString(ref Utf8JsonReader reader, string property, scoped ReadOnlySpan<string> known)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        return JsonReading.TryGetString(ref reader, known, out var text) ? text : throw new UnreadableObjectException($"{property} is not valid UTF-8");
    }

    internal static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
