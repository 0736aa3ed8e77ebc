using AcrGuard.Annotations;

namespace AcrGuard.Workloads;

/// <summary>
/// An object in scope seen the way ECI sees it: where the pull annotations must be, what they
/// are, and which images they serve. Read by <see cref="ObjectReader"/> straight from the object's bytes.
/// </summary>
public sealed class ReviewedObject
{
    public required ObjectIdentity Identity { get; init; }

    public required ObjectKind Kind { get; init; }

    /// <summary>A workload's own <c>metadata.annotations</c>, where ECI never looks; null for Pod and ImageCache.</summary>
    public AnnotationSet? WorkloadAnnotations { get; init; }

    /// <summary>
    /// The metadata of the objects between a workload and its pod template (a CronJob's
    /// <c>spec.jobTemplate.metadata</c>: its Jobs get those annotations, their pods never do).
    /// </summary>
    public IReadOnlyList<AnnotationSet> NestedAnnotations { get; init; } = [];

    public required PullTarget Target { get; init; }

    /// <summary>ImageCache only: its <c>spec.imagePullSecrets</c>.</summary>
    public IReadOnlyList<PullSecretRef> PullSecrets { get; init; } = [];

    /// <summary>A Pod, ReplicaSet or Job with a controller owner reference: judged already at its workload.</summary>
    public bool IsControllerOwned { get; init; }

    /// <summary>Pod and ImageCache: ECI read their annotations at creation, so later changes do nothing (AG004).</summary>
    public bool AnnotationsAreReadOnce => Kind.AnnotationsAreReadOnce;
}
