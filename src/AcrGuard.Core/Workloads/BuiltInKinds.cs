namespace AcrGuard.Workloads;

/// <summary>
/// The kinds <see cref="ObjectReader"/> binds with KubernetesClient's models (the design's "Objects
/// in scope"): the configuration's <c>workloads</c> list cannot name them again.
/// </summary>
public static class BuiltInKinds
{
    private static readonly HashSet<(string Group, string Kind)> Kinds =
    [
        (string.Empty, "Pod"),
        (string.Empty, "ReplicationController"),
        ("apps", "Deployment"),
        ("apps", "ReplicaSet"),
        ("apps", "StatefulSet"),
        ("apps", "DaemonSet"),
        ("batch", "Job"),
        ("batch", "CronJob"),
        ("eci.alibabacloud.com", ImageCache.KindName),
    ];

    /// <summary>Whether AcrGuard judges this kind of this group already, at any version.</summary>
    public static bool Contains(string group, string kind) => Kinds.Contains((group, kind));
}
