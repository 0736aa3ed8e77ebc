namespace AcrGuard.Workloads;

/// <summary>The kinds in scope: those ECI makes pods or image caches from.</summary>
public enum ObjectKind
{
    Pod,
    ImageCache,
    Deployment,
    ReplicaSet,
    StatefulSet,
    DaemonSet,
    Job,
    CronJob,
    ReplicationController,

    /// <summary>A kind from the configuration's <c>workloads</c> list, judged like a Deployment.</summary>
    ConfiguredWorkload,
}
