namespace AcrGuard.Workloads;

/// <summary>How an object of a kind is read into what the rules judge.</summary>
public enum KindBinding
{
    /// <summary>The object is the pod: its own metadata and spec (Pod).</summary>
    Pod,

    /// <summary>A pod template at the kind's template path, and the metadata of the objects on the way (every workload).</summary>
    Template,

    /// <summary>ECI's ImageCache: its own metadata, <c>spec.images</c> and <c>spec.imagePullSecrets</c>.</summary>
    ImageCache,
}
