using AcrGuard.Workloads;

namespace AcrGuard.Audit;

/// <summary>The kinds of the contract, in the order they are listed.</summary>
public static class AuditedKinds
{
    public static readonly AuditedKind Pods = new(string.Empty, "v1", "pods", "Pod", Namespaced: true, CanOwn: false);

    public static readonly AuditedKind ImageCaches = new("eci.alibabacloud.com", "v1", "imagecaches", ImageCache.KindName, Namespaced: false, CanOwn: false);

    /// <summary>
    /// Owners before what they own (a CronJob before its Jobs, a Deployment before its ReplicaSets,
    /// every workload before Pods), so an owned object can be folded into its owner as it is read,
    /// from the owners' uids alone. The configured workload kinds (<see cref="ConfiguredKinds"/>) are
    /// listed before all of these, as they make ReplicaSets, Jobs and Pods.
    /// </summary>
    public static readonly IReadOnlyList<AuditedKind> BuiltIn =
    [
        new("apps", "v1", "deployments", "Deployment", Namespaced: true, CanOwn: true),
        new("batch", "v1", "cronjobs", "CronJob", Namespaced: true, CanOwn: true),
        new("apps", "v1", "statefulsets", "StatefulSet", Namespaced: true, CanOwn: true),
        new("apps", "v1", "daemonsets", "DaemonSet", Namespaced: true, CanOwn: true),
        new(string.Empty, "v1", "replicationcontrollers", "ReplicationController", Namespaced: true, CanOwn: true),
        new("apps", "v1", "replicasets", "ReplicaSet", Namespaced: true, CanOwn: true),
        new("batch", "v1", "jobs", "Job", Namespaced: true, CanOwn: true),
        Pods,
        ImageCaches,
    ];
}
