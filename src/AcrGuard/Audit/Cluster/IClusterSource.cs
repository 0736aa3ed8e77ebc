using System.Text.Json.Nodes;

namespace AcrGuard.Audit.Cluster;

/// <summary>
/// What the audit asks of a cluster. Failures are <see cref="ClusterException"/>s carrying the
/// HTTP status, so the audit decides what each means (a kind absent, a token expired, no access).
/// </summary>
public interface IClusterSource
{
    /// <summary>The server, as messages name it.</summary>
    string Server { get; }

    /// <summary>The resources a group/version serves (its <c>APIResourceList</c>); 404 when it is not served.</summary>
    Task<IReadOnlyList<ServedResource>> DiscoverAsync(string group, string version, CancellationToken cancellation);

    Task<ListPage> ListAsync(AuditedKind kind, string? ns, string? labelSelector, int limit, string? continueToken, CancellationToken cancellation);

    /// <summary>The object, or null when it does not exist.</summary>
    Task<JsonObject?> GetAsync(AuditedKind kind, string? ns, string name, CancellationToken cancellation);

    Task CreateAsync(AuditedKind kind, string? ns, JsonObject body, CancellationToken cancellation);

    Task ReplaceAsync(AuditedKind kind, string? ns, string name, JsonObject body, CancellationToken cancellation);

    /// <summary>False when there was nothing to delete.</summary>
    Task<bool> DeleteAsync(AuditedKind kind, string? ns, string name, CancellationToken cancellation);
}
