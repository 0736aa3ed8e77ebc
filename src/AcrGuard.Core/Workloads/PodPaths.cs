namespace AcrGuard.Workloads;

/// <summary>
/// The paths of a pod's fields in an object of a kind, made once per row of the kind table: a Pod's
/// <c>metadata</c> and <c>spec</c>, a Deployment's <c>spec.template.metadata</c> and
/// <c>spec.template.spec</c>. What the view and its findings point at is then never built per object.
/// </summary>
internal sealed class PodPaths
{
    /// <param name="at">Where the pod is: empty for a Pod itself, the template path for a workload.</param>
    public PodPaths(string at)
    {
        Metadata = at.Length == 0 ? "metadata" : $"{at}.metadata";
        Spec = at.Length == 0 ? "spec" : $"{at}.spec";
        Containers = $"{Spec}.containers";
        InitContainers = $"{Spec}.initContainers";
        EphemeralContainers = $"{Spec}.ephemeralContainers";
    }

    public string Metadata { get; }

    public string Spec { get; }

    public string Containers { get; }

    public string InitContainers { get; }

    public string EphemeralContainers { get; }
}
