namespace AcrGuard.Workloads;

/// <summary>A Kubernetes object read from JSON: its identity, and its reviewed view if its kind is in scope.</summary>
public sealed record KubeObject(ObjectIdentity Identity, ReviewedObject? Reviewed)
{
    public bool InScope => Reviewed is not null;
}
