using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AcrGuard.Annotations;
using AcrGuard.Configuration;
using AcrGuard.Json;
using k8s.Models;

namespace AcrGuard.Workloads;

/// <summary>
/// Reads a JSON object into KubernetesClient's model for its kind and the view the rules judge.
/// The kind is read first: KubernetesClient knows nothing of ImageCache, and kinds out of scope
/// are named but never bound.
/// </summary>
public static class ObjectReader
{
    // Source-generated (WorkloadJsonContext); only the fields the rules read are bound (BoundFields).
    private static readonly JsonSerializerOptions Options = CreateOptions(everyField: false);

    // Any element: the header check below names what a non-object is.
    public static KubeObject Read(JsonElement root) => Read(JsonMarshal.GetRawUtf8Value(root));

    /// <summary>Reads an object, binding the configured <paramref name="workloads"/> kinds too.</summary>
    public static KubeObject Read(JsonElement root, IReadOnlyList<WorkloadKind> workloads) =>
        Read(JsonMarshal.GetRawUtf8Value(root), Options, workloads);

    /// <summary>Reads an object from its JSON bytes, with no document built in between.</summary>
    public static KubeObject Read(ReadOnlySpan<byte> json) => Read(json, Options, []);

    /// <summary>Reads an object from its JSON bytes, binding the configured <paramref name="workloads"/> kinds too.</summary>
    public static KubeObject Read(ReadOnlySpan<byte> json, IReadOnlyList<WorkloadKind> workloads) => Read(json, Options, workloads);

    /// <summary>Reads with the given serializer options: tests compare the bound fields with every field.</summary>
    internal static KubeObject Read(ReadOnlySpan<byte> json, JsonSerializerOptions options, IReadOnlyList<WorkloadKind> workloads)
    {
        var reader = new Utf8JsonReader(json, JsonReading.ReaderOptions);
        return Read(ref reader, options, workloads);
    }

    /// <summary>
    /// Reads the object the reader is on (or about to read), leaving the reader on its last token:
    /// the webhook binds a review's object in the same pass that reads the envelope, so its bytes
    /// are read once. Every other overload comes here: one way to bind, whatever the source.
    /// </summary>
    public static KubeObject Read(ref Utf8JsonReader reader, IReadOnlyList<WorkloadKind> workloads) => Read(ref reader, Options, workloads);

    private static KubeObject Read(ref Utf8JsonReader reader, JsonSerializerOptions options, IReadOnlyList<WorkloadKind> workloads)
    {
        var (apiVersion, kind) = Header(ref reader);
        return Bind(ref reader, apiVersion, kind, options, workloads) ?? OutOfScope(ref reader, apiVersion, kind);
    }

    // The kind table decides how an object is read (ObjectKind): built-in rows, then the configured ones.
    private static KubeObject? Bind(ref Utf8JsonReader reader, string apiVersion, string kind, JsonSerializerOptions options, IReadOnlyList<WorkloadKind> workloads) =>
        (ObjectKind.Find(apiVersion, kind) ?? Configured(workloads, apiVersion, kind)) is not { } row ? null : row.Binding switch
        {
            KindBinding.Pod => Pod(Bind<V1Pod>(ref reader, kind, options)),
            KindBinding.ImageCache => Cache(Bind<ImageCache>(ref reader, kind, options)),
            _ => TemplateWalk.Read(ref reader, row, options),
        };

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
                    apiVersion = HeaderString(ref ahead, "apiVersion");
                }
                else if (ahead.ValueTextEquals("kind"u8))
                {
                    ahead.Read();
                    kind = HeaderString(ref ahead, "kind");
                }
                else
                {
                    ahead.Read();
                    ahead.Skip();
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

    private static string HeaderString(ref Utf8JsonReader reader, string property)
    {
        string? text = null;
        if (reader.TokenType == JsonTokenType.String && !JsonReading.TryGetString(ref reader, out text))
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
                        reader.Read();
                        reader.Skip();
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

    private static KubeObject Pod(V1Pod pod)
    {
        var identity = Identity(ObjectKind.Pod.ApiVersion, ObjectKind.Pod.Name, pod.Metadata);
        return new(identity, new ReviewedObject
        {
            Identity = identity,
            Kind = ObjectKind.Pod,
            Target = PodTemplates.Target(pod.Metadata, pod.Spec, "metadata", "spec"),
            IsControllerOwned = IsControllerOwned(pod.Metadata),
        });
    }

    private static KubeObject Cache(ImageCache cache)
    {
        var identity = Identity(ObjectKind.ImageCache.ApiVersion, ObjectKind.ImageCache.Name, cache.Metadata);
        var images = new List<ImageUse>();
        var secrets = new List<PullSecretRef>();
        if (cache.Spec?.Images is { } specImages)
        {
            for (var i = 0; i < specImages.Count; i++)
            {
                PodTemplates.Add(images, specImages[i], $"spec.images[{i}]");
            }
        }

        if (cache.Spec?.ImagePullSecrets is { } specSecrets)
        {
            for (var i = 0; i < specSecrets.Count; i++)
            {
                secrets.Add(new PullSecretRef(specSecrets[i] ?? string.Empty, $"spec.imagePullSecrets[{i}]"));
            }
        }

        return new KubeObject(identity, new ReviewedObject
        {
            Identity = identity,
            Kind = ObjectKind.ImageCache,
            Target = new PullTarget(new AnnotationSet("metadata", cache.Metadata?.Annotations), images, hasEciMarker: null),
            PullSecrets = secrets,
        });
    }

    /// <summary>Binds the value the reader is on; <paramref name="at"/> is its path in the object, for errors.</summary>
    internal static T Bind<T>(ref Utf8JsonReader reader, string kind, JsonSerializerOptions options, string at = "")
    {
        // Outside the try: a model missing from WorkloadJsonContext is a bug, not bad input.
        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        try
        {
            return JsonSerializer.Deserialize(ref reader, typeInfo) ?? throw new UnreadableObjectException($"{kind}: the object is null");
        }
        catch (JsonException e)
        {
            var inner = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? string.Empty : e.Path.TrimStart('$', '.');
            var path = at.Length == 0 ? inner : inner.Length == 0 ? at : $"{at}.{inner}";
            var where = path.Length == 0 ? string.Empty : $" at {path}";
            throw new UnreadableObjectException($"{kind}{where}: {Explain(e)}", e);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or NotSupportedException or ArgumentException or OverflowException)
        {
            throw new UnreadableObjectException($"{kind}: {FirstSentence(e.Message)}", e);
        }
    }

    internal static bool IsControllerOwned(V1ObjectMeta? metadata)
    {
        if (metadata?.OwnerReferences is null)
        {
            return false;
        }

        foreach (var owner in metadata.OwnerReferences)
        {
            if (owner?.Controller == true)
            {
                return true;
            }
        }

        return false;
    }

    internal static ObjectIdentity Identity(string apiVersion, string kind, V1ObjectMeta? metadata) =>
        new(apiVersion, kind, metadata?.NamespaceProperty ?? string.Empty, NameOf(metadata?.Name, metadata?.GenerateName));

    // Pods from a controller have only generateName at admission; show it the way kubectl does.
    private static string NameOf(string? name, string? generateName) =>
        !string.IsNullOrEmpty(name) ? name : !string.IsNullOrEmpty(generateName) ? generateName + "*" : string.Empty;

    /// <summary>
    /// The string value after a property name, or null for any other value (skipped); bytes that are
    /// not UTF-8 are an unreadable object, naming <paramref name="property"/>.
    /// </summary>
    internal static string? OptionalString(ref Utf8JsonReader reader, string property)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        return JsonReading.TryGetString(ref reader, out var text) ? text : throw new UnreadableObjectException($"{property} is not valid UTF-8");
    }

    // "The JSON value could not be converted to System.Collections.Generic.IDictionary`2[...]" says
    // what .NET wanted; a manifest author needs the YAML/JSON shape instead.
    private static string Explain(JsonException e)
    {
        const string Prefix = "The JSON value could not be converted to ";
        var message = FirstSentence(e.Message);
        if (!message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return message;
        }

        var type = message[Prefix.Length..];
        var expected = type switch
        {
            _ when type.StartsWith("System.Collections.Generic.IDictionary", StringComparison.Ordinal) => "a map",
            _ when type.StartsWith("System.Collections.Generic.IList", StringComparison.Ordinal) => "a list",
            "System.String" => "a string",
            "System.Boolean" or "System.Nullable`1[System.Boolean]" => "true or false",
            _ when type.Contains("Int", StringComparison.Ordinal) || type.Contains("Double", StringComparison.Ordinal) => "a number",
            _ => "an object",
        };
        return $"expected {expected}";
    }

    internal static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }

    internal static JsonSerializerOptions CreateOptions(bool everyField) => new()
    {
        TypeInfoResolver = everyField ? WorkloadJsonContext.Default : WorkloadJsonContext.Default.WithAddedModifier(BoundFields.Prune),
    };
}
