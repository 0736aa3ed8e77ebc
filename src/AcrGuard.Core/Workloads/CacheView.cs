using System.Text.Json;
using AcrGuard.Annotations;
using AcrGuard.Images;
using AcrGuard.Json;
using static AcrGuard.Workloads.ViewFields;

namespace AcrGuard.Workloads;

/// <summary>
/// Reads ECI's ImageCache (<see cref="ObjectKind.ImageCache"/>) from its bytes: its metadata,
/// <c>spec.images</c> and <c>spec.imagePullSecrets</c> (namespace:name, AG012). KubernetesClient
/// ships no model for it.
/// </summary>
internal static class CacheView
{
    private const string Images = "spec.images";

    public static KubeObject Read(ref Utf8JsonReader reader, string kind)
    {
        MetadataView? metadata = null;
        List<ImageUse> images = [];
        List<PullSecretRef> secrets = [];
        while (JsonReading.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                metadata = MetadataView.Read(ref reader, kind, "metadata");
            }
            else if (reader.ValueTextEquals("spec"u8))
            {
                reader.Read();
                (images, secrets) = ReadSpec(ref reader, kind);
            }
            else
            {
                JsonReading.SkipValue(ref reader);
            }
        }

        var identity = ObjectReader.Identity(ObjectKind.ImageCache.ApiVersion, ObjectKind.ImageCache.Name, metadata);
        return new KubeObject(identity, new ReviewedObject
        {
            Identity = identity,
            Kind = ObjectKind.ImageCache,
            Target = new PullTarget(metadata?.Annotations ?? AnnotationSet.Empty("metadata"), images, hasEciMarker: null),
            PullSecrets = secrets,
        });
    }

    private static (List<ImageUse> Images, List<PullSecretRef> Secrets) ReadSpec(ref Utf8JsonReader reader, string kind)
    {
        List<ImageUse> images = [];
        List<PullSecretRef> secrets = [];
        if (!Object(ref reader, kind, FieldPath.Of("spec")))
        {
            return (images, secrets);
        }

        while (JsonReading.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("images"u8))
            {
                reader.Read();
                images = [];
                var i = 0;
                foreach (var image in Strings(ref reader, kind, new FieldPath("spec", "images")))
                {
                    if (ImageReference.Parse(image) is { } reference)
                    {
                        images.Add(new ImageUse(reference, Images, i, InContainer: false));
                    }

                    i++;
                }
            }
            else if (reader.ValueTextEquals("imagePullSecrets"u8))
            {
                reader.Read();
                var items = Strings(ref reader, kind, new FieldPath("spec", "imagePullSecrets"));
                secrets = [.. items.Select((secret, i) => new PullSecretRef(secret ?? string.Empty, $"spec.imagePullSecrets[{i}]"))];
            }
            else
            {
                JsonReading.SkipValue(ref reader);
            }
        }

        return (images, secrets);
    }

    private static List<string?> Strings(ref Utf8JsonReader reader, string kind, FieldPath path)
    {
        var items = new List<string?>();
        if (!List(ref reader, kind, path))
        {
            return items;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(String(ref reader, kind, path.At(items.Count)));
        }

        return items;
    }
}
