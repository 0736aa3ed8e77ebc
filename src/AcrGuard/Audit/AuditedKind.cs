namespace AcrGuard.Audit;

/// <summary>
/// A resource the audit lists: where it lives in the API and what its items are. Built in for the
/// kinds of the contract; a kind found through discovery (a configured workload) is one more of these.
/// </summary>
/// <param name="Group">The API group; empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Version">The API version within the group, e.g. <c>v1</c>.</param>
/// <param name="Plural">The resource name in the URL, e.g. <c>deployments</c>.</param>
/// <param name="Kind">The kind of its objects, e.g. <c>Deployment</c>.</param>
/// <param name="Namespaced">False for cluster-scoped resources such as ECI's ImageCache.</param>
/// <param name="CanOwn">Whether its objects may be the controller of other audited objects (a Pod never is).</param>
public sealed record AuditedKind(string Group, string Version, string Plural, string Kind, bool Namespaced, bool CanOwn)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection's path relative to the server's base URL, across namespaces or in one.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
        return Namespaced && ns is not null
            ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}"
            : $"{root}/{Plural}";
    }

    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
