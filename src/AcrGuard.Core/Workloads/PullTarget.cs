using AcrGuard.Annotations;

namespace AcrGuard.Workloads;

/// <summary>
/// Where ECI reads the pull annotations and what it pulls with them: a Pod's or ImageCache's own
/// metadata, or a workload's pod template.
/// </summary>
public sealed class PullTarget(AnnotationSet annotations, IReadOnlyList<ImageUse> images, bool? hasEciMarker)
{
    public AnnotationSet Annotations { get; } = annotations;

    public IReadOnlyList<ImageUse> Images { get; } = images;

    /// <summary>Whether the pod (template) carries a visible ECI marker; null where it does not apply (ImageCache).</summary>
    public bool? HasEciMarker { get; } = hasEciMarker;
}
