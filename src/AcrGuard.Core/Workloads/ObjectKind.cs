using AcrGuard.Configuration;

namespace AcrGuard.Workloads;

/// <summary>
/// A kind AcrGuard judges, one row of the kind table: where it lives in the API, how it is read,
/// and what its objects are to one another. <see cref="BuiltIn"/> is the design's "Objects in
/// scope"; a kind of the configuration's <c>workloads</c> list is one more row
/// (<see cref="Configured"/>). The reader's dispatch, the configuration's check of the
/// <c>workloads</c> list and the audit's resources all read this table: a kind added here is
/// judged by check, serve and audit alike.
/// </summary>
public sealed class ObjectKind
{
    public static readonly ObjectKind Deployment = Workload("apps", "deployments", "Deployment");
    public static readonly ObjectKind CronJob = Workload("batch", "cronjobs", "CronJob", "spec.jobTemplate.spec.template");
    public static readonly ObjectKind StatefulSet = Workload("apps", "statefulsets", "StatefulSet");
    public static readonly ObjectKind DaemonSet = Workload("apps", "daemonsets", "DaemonSet");
    public static readonly ObjectKind ReplicationController = Workload(string.Empty, "replicationcontrollers", "ReplicationController");

    // Only kinds a controller stamps out from a template it owns are judged at their owner: a
    // Deployment's ReplicaSets, a CronJob's Jobs (design: "Objects made by a controller").
    public static readonly ObjectKind ReplicaSet = Workload("apps", "replicasets", "ReplicaSet", madeByController: true);
    public static readonly ObjectKind Job = Workload("batch", "jobs", "Job", madeByController: true);

    public static readonly ObjectKind Pod = new(string.Empty, "v1", "pods", "Pod", KindBinding.Pod, templatePath: null, namespaced: true, ownsObjects: false, madeByController: true);

    /// <summary>ECI's ImageCache (<c>eci.alibabacloud.com/v1</c>, cluster-scoped); KubernetesClient ships no model for it.</summary>
    public static readonly ObjectKind ImageCache = new("eci.alibabacloud.com", "v1", "imagecaches", "ImageCache", KindBinding.ImageCache, templatePath: null, namespaced: false, ownsObjects: false, madeByController: false);

    /// <summary>
    /// Every built-in kind, owners before what they own (a CronJob before its Jobs, a Deployment
    /// before its ReplicaSets, every workload before Pods): the audit lists them in this order so
    /// that an owned object can be folded into its owner as it is read, from the owners' uids alone.
    /// </summary>
    public static readonly IReadOnlyList<ObjectKind> BuiltIn =
        [Deployment, CronJob, StatefulSet, DaemonSet, ReplicationController, ReplicaSet, Job, Pod, ImageCache];

    // The table as an array for the reader's lookups, once per object read: a loop over an
    // IReadOnlyList allocates its enumerator.
    private static readonly ObjectKind[] Rows = [.. BuiltIn];
    private static readonly string[] Names = [.. Rows.Select(k => k.Name).Distinct()];
    private static readonly string[] ApiVersions = [.. Rows.Select(k => k.ApiVersion).Distinct()];
    private static readonly string[] Groups = [.. Rows.Select(k => k.Group).Distinct()];
    private static readonly string[] Versions = [.. Rows.Select(k => k.Version).Distinct()];

    /// <summary>The built-in kinds' names, each once: values a reader takes as these strings rather than making its own.</summary>
    public static ReadOnlySpan<string> KnownNames => Names;

    /// <summary>The built-in kinds' apiVersions, each once (see <see cref="KnownNames"/>).</summary>
    public static ReadOnlySpan<string> KnownApiVersions => ApiVersions;

    /// <summary>The built-in kinds' API groups, each once (see <see cref="KnownNames"/>).</summary>
    public static ReadOnlySpan<string> KnownGroups => Groups;

    /// <summary>The built-in kinds' versions, each once (see <see cref="KnownNames"/>).</summary>
    public static ReadOnlySpan<string> KnownVersions => Versions;

    private ObjectKind(string group, string version, string resource, string name, KindBinding binding, string? templatePath, bool namespaced, bool ownsObjects, bool madeByController, bool isConfigured = false)
    {
        Group = group;
        Version = version;
        Resource = resource;
        Name = name;
        Binding = binding;
        TemplatePath = templatePath;
        TemplateFields = templatePath?.Split('.') ?? [];
        FieldPaths = [.. Enumerable.Range(0, TemplateFields.Count + 1).Select(n => string.Join('.', TemplateFields.Take(n)))];
        NestedMetadataPaths = [.. FieldPaths.Select(p => $"{p}.metadata")];
        CreatesObjects = TemplateFields.Skip(1).Contains("spec");
        Paths = binding switch
        {
            KindBinding.Pod => new PodPaths(string.Empty),
            KindBinding.Template => new PodPaths(templatePath!),
            _ => null,
        };
        Namespaced = namespaced;
        OwnsObjects = ownsObjects;
        MadeByController = madeByController;
        IsConfigured = isConfigured;
        ApiVersion = group.Length == 0 ? version : $"{group}/{version}";
    }

    /// <summary>The API group; empty for the core group.</summary>
    public string Group { get; }

    public string Version { get; }

    /// <summary>As objects carry it: <c>group/version</c>, or the version alone for the core group.</summary>
    public string ApiVersion { get; }

    /// <summary>The resource in the API's paths (<c>deployments</c>); empty for a configured kind, whose resource the cluster's discovery names.</summary>
    public string Resource { get; }

    /// <summary>The kind as objects carry it, e.g. <c>Deployment</c>.</summary>
    public string Name { get; }

    public KindBinding Binding { get; }

    /// <summary>The pod template's dotted path (<c>spec.template</c>); null where the object is the pod or has none.</summary>
    public string? TemplatePath { get; }

    /// <summary>The template path's field names, in order from the object's root; empty without a template.</summary>
    public IReadOnlyList<string> TemplateFields { get; }

    /// <summary>The paths of the pod's fields: the object's own for a Pod, the template's for a workload.</summary>
    internal PodPaths? Paths { get; }

    /// <summary>Whether an object template is on the way to the pods (a CronJob's Jobs): a field named spec after the first.</summary>
    internal bool CreatesObjects { get; }

    /// <summary>The template path's first n fields joined, by n: where the walk is, for its errors.</summary>
    internal IReadOnlyList<string> FieldPaths { get; }

    /// <summary>The metadata of the object at the template path's first n fields, by n (<c>spec.jobTemplate.metadata</c>).</summary>
    internal IReadOnlyList<string> NestedMetadataPaths { get; }

    /// <summary>False for cluster-scoped kinds (ImageCache); a configured kind's scope is the cluster's to say.</summary>
    public bool Namespaced { get; }

    /// <summary>Whether its objects may be the controller of other judged objects (a workload is; a Pod never is).</summary>
    public bool OwnsObjects { get; }

    /// <summary>Whether an object of it with a controller owner reference is judged at its owner instead (Pod, ReplicaSet, Job).</summary>
    public bool MadeByController { get; }

    /// <summary>Pod and ImageCache: ECI reads their annotations once, at creation (AG004).</summary>
    public bool AnnotationsAreReadOnce => Binding is KindBinding.Pod or KindBinding.ImageCache;

    /// <summary>A kind from the configuration's <c>workloads</c> list, judged like a Deployment.</summary>
    public bool IsConfigured { get; }

    /// <summary>The built-in kind of this apiVersion and kind, or null.</summary>
    public static ObjectKind? Find(string apiVersion, string kind)
    {
        foreach (var entry in Rows)
        {
            if (entry.Name == kind && entry.ApiVersion == apiVersion)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Whether this kind of this group is built in, at any version: the configuration's <c>workloads</c> list cannot name it again.</summary>
    public static bool IsBuiltIn(string group, string kind) => BuiltIn.Any(k => k.Group == group && k.Name == kind);

    /// <summary>The row of a kind from the configuration's <c>workloads</c> list: a workload with its template where the entry says.</summary>
    /// <remarks>Made once per entry, as the configuration is read (<see cref="WorkloadKind.Row"/>).</remarks>
    internal static ObjectKind Configured(string group, string version, string kind, string templatePath) =>
        new(group, version, resource: string.Empty, kind, KindBinding.Template, templatePath, namespaced: true, ownsObjects: true, madeByController: false, isConfigured: true);

    public override string ToString() => Name;

    private static ObjectKind Workload(string group, string resource, string name, string templatePath = WorkloadKind.DefaultTemplatePath, bool madeByController = false) =>
        new(group, "v1", resource, name, KindBinding.Template, templatePath, namespaced: true, ownsObjects: true, madeByController);
}
