using AcrGuard.Configuration;

namespace AcrGuard.Vap;

/// <summary>The kinds in scope: the built-in ones of the design's "Objects in scope", then the configured <c>workloads</c>.</summary>
public static class VapKinds
{
    private static readonly string[] SpecTemplate = ["spec", "template"];

    /// <summary>As <c>ObjectReader</c> binds them; <c>VapKindsTests</c> holds the two to the same list.</summary>
    public static readonly IReadOnlyList<VapKind> BuiltIn =
    [
        new(string.Empty, "v1", "Pod", "pods", []),
        new(string.Empty, "v1", "ReplicationController", "replicationcontrollers", SpecTemplate),
        new("apps", "v1", "Deployment", "deployments", SpecTemplate),
        new("apps", "v1", "ReplicaSet", "replicasets", SpecTemplate),
        new("apps", "v1", "StatefulSet", "statefulsets", SpecTemplate),
        new("apps", "v1", "DaemonSet", "daemonsets", SpecTemplate),
        new("batch", "v1", "Job", "jobs", SpecTemplate),
        new("batch", "v1", "CronJob", "cronjobs", ["spec", "jobTemplate", "spec", "template"]),
        new("eci.alibabacloud.com", "v1", "ImageCache", "imagecaches", []),
    ];

    public static IReadOnlyList<VapKind> For(AcrGuardConfig config) =>
        [.. BuiltIn, .. config.Workloads.Select(w => new VapKind(w.Group, w.Version, w.Kind, "*", w.TemplateFields) { IsConfigured = true })];
}
