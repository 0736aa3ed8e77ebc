using AcrGuard.Annotations;
using AcrGuard.Images;
using k8s.Models;

namespace AcrGuard.Workloads;

/// <summary>Turns a pod (template)'s metadata and spec into the <see cref="PullTarget"/> the rules judge.</summary>
internal static class PodTemplates
{
    public static PullTarget Target(V1ObjectMeta? metadata, V1PodSpec? spec, string metadataPath, string specPath) =>
        new(
            new AnnotationSet(metadataPath, metadata?.Annotations),
            Images(spec, specPath),
            EciMarkers.HasAny(metadata, spec));

    public static PullTarget Template(V1PodTemplateSpec? template, string templatePath) =>
        Target(template?.Metadata, template?.Spec, $"{templatePath}.metadata", $"{templatePath}.spec");

    private static List<ImageUse> Images(V1PodSpec? spec, string specPath)
    {
        var images = new List<ImageUse>();
        if (spec is null)
        {
            return images;
        }

        if (spec.Containers is not null)
        {
            for (var i = 0; i < spec.Containers.Count; i++)
            {
                Add(images, spec.Containers[i]?.Image, $"{specPath}.containers[{i}].image");
            }
        }

        if (spec.InitContainers is not null)
        {
            for (var i = 0; i < spec.InitContainers.Count; i++)
            {
                Add(images, spec.InitContainers[i]?.Image, $"{specPath}.initContainers[{i}].image");
            }
        }

        if (spec.EphemeralContainers is not null)
        {
            for (var i = 0; i < spec.EphemeralContainers.Count; i++)
            {
                Add(images, spec.EphemeralContainers[i]?.Image, $"{specPath}.ephemeralContainers[{i}].image");
            }
        }

        return images;
    }

    public static void Add(List<ImageUse> images, string? image, string path)
    {
        var reference = ImageReference.Parse(image);
        if (reference is not null)
        {
            images.Add(new ImageUse(reference, path));
        }
    }
}
