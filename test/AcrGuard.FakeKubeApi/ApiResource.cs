namespace AcrGuard.FakeKubeApi;

/// <summary>A resource the fake server serves: where it lives in the API and what its objects are.</summary>
public sealed record ApiResource(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Custom resources' list items keep apiVersion and kind; built-in kinds' items lose them, as kube-apiserver's do.</summary>
    public bool IsCustom => Group.Contains('.', StringComparison.Ordinal);

    public static readonly ApiResource Namespaces = new(string.Empty, "v1", "namespaces", "Namespace", false);
    public static readonly ApiResource Pods = new(string.Empty, "v1", "pods", "Pod", true);
    public static readonly ApiResource ReplicationControllers = new(string.Empty, "v1", "replicationcontrollers", "ReplicationController", true);
    public static readonly ApiResource Deployments = new("apps", "v1", "deployments", "Deployment", true);
    public static readonly ApiResource ReplicaSets = new("apps", "v1", "replicasets", "ReplicaSet", true);
    public static readonly ApiResource StatefulSets = new("apps", "v1", "statefulsets", "StatefulSet", true);
    public static readonly ApiResource DaemonSets = new("apps", "v1", "daemonsets", "DaemonSet", true);
    public static readonly ApiResource Jobs = new("batch", "v1", "jobs", "Job", true);
    public static readonly ApiResource CronJobs = new("batch", "v1", "cronjobs", "CronJob", true);

    /// <summary>ECI's ImageCache CRD: served only once a test installs it.</summary>
    public static readonly ApiResource ImageCaches = new("eci.alibabacloud.com", "v1", "imagecaches", "ImageCache", false);

    /// <summary>OpenKruise's CloneSet and Argo's Rollout: workload kinds the configuration can name.</summary>
    public static readonly ApiResource CloneSets = new("apps.kruise.io", "v1alpha1", "clonesets", "CloneSet", true);
    public static readonly ApiResource Rollouts = new("argoproj.io", "v1alpha1", "rollouts", "Rollout", true);

    public static readonly ApiResource PolicyReports = new("wgpolicyk8s.io", "v1alpha2", "policyreports", "PolicyReport", true);
    public static readonly ApiResource ClusterPolicyReports = new("wgpolicyk8s.io", "v1alpha2", "clusterpolicyreports", "ClusterPolicyReport", false);

    /// <summary>What every kube-apiserver serves.</summary>
    public static readonly IReadOnlyList<ApiResource> BuiltIn =
        [Namespaces, Pods, ReplicationControllers, Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs];
}
