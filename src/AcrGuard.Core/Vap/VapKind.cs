namespace AcrGuard.Vap;

/// <summary>
/// A kind the policies judge, with where its pull annotations and images are: the same places
/// <c>ObjectReader</c> reads for the built-in kinds and <c>ConfiguredWorkload</c> for the
/// configuration's <c>workloads</c>.
/// </summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Version">The version the policy matches.</param>
/// <param name="Kind">The kind, as objects carry it.</param>
/// <param name="Resource">The resource the policy matches; <c>*</c> for a configured kind, whose plural the configuration does not name.</param>
/// <param name="Template">The pod template's fields from the root; empty for a Pod or an ImageCache, whose own metadata ECI reads.</param>
public sealed record VapKind(string Group, string Version, string Kind, string Resource, IReadOnlyList<string> Template)
{
    /// <summary>How the policies tell kinds apart: <c>apiVersion/kind</c>, e.g. <c>apps/v1/Deployment</c>.</summary>
    public string Type => Group.Length == 0 ? $"{Version}/{Kind}" : $"{Group}/{Version}/{Kind}";

    /// <summary>ECI's ImageCache: cluster-scoped, images in <c>spec.images</c>, secrets in <c>spec.imagePullSecrets</c>.</summary>
    public bool IsImageCache => Group == "eci.alibabacloud.com" && Kind == "ImageCache";

    public bool IsPod => Group.Length == 0 && Kind == "Pod";

    /// <summary>Has a pod template: its own metadata is where ECI never looks (AG001).</summary>
    public bool IsWorkload => Template.Count > 0;

    /// <summary>From the configuration's <c>workloads</c>: out of scope when the template is not there (an Argo Rollout with workloadRef).</summary>
    public bool IsConfigured { get; init; }

    /// <summary>The metadata ECI reads the pull annotations from.</summary>
    public IReadOnlyList<string> Metadata => [.. Template, "metadata"];

    /// <summary>The pod spec whose containers' images are pulled; none for an ImageCache.</summary>
    public IReadOnlyList<string> PodSpec => [.. Template, "spec"];

    /// <summary>
    /// The metadata of the objects between the workload and its pods (a CronJob's
    /// <c>spec.jobTemplate.metadata</c>): each <c>spec</c> on the template's way below the root
    /// is an object template's, as <c>ConfiguredWorkload</c> reads it.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Nested =>
        [.. Enumerable.Range(1, Math.Max(0, Template.Count - 1)).Where(d => Template[d] == "spec").Select(d => (IReadOnlyList<string>)[.. Template.Take(d), "metadata"])];

    /// <summary>ECI read the annotations when it made the pod or the cache: changing them later does nothing (AG004).</summary>
    public bool IsReadOnce => IsPod || IsImageCache;

    /// <summary>
    /// Controller-owned objects of these kinds only ever get warnings: a Pod, ReplicaSet or Job was
    /// stamped out from a template judged at its workload (rules.md, "Objects made by a
    /// controller"), and deploy/'s imagecaches webhook does not review an owned ImageCache.
    /// </summary>
    public bool IsExemptWhenOwned => IsPod || IsImageCache || Type is "apps/v1/ReplicaSet" or "batch/v1/Job";

    public bool IsClusterScoped => IsImageCache;
}
