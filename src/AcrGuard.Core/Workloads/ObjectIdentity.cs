namespace AcrGuard.Workloads;

/// <summary>What names an object in output: apiVersion, kind, namespace (empty when cluster-scoped or unset) and name.</summary>
public sealed record ObjectIdentity(string ApiVersion, string Kind, string Namespace, string Name)
{
    public override string ToString() =>
        Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
