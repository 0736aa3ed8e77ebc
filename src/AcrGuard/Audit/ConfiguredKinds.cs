using AcrGuard.Audit.Cluster;
using AcrGuard.Configuration;

namespace AcrGuard.Audit;

/// <summary>
/// The configuration's <c>workloads:</c> kinds as resources to list. Their plural and scope are
/// not in the configuration (it names what check and the webhook see: apiVersion and kind), so
/// API discovery answers them, as kubectl finds a kind's resource.
/// </summary>
public static class ConfiguredKinds
{
    /// <summary>
    /// The configured kinds the cluster serves, in the configuration's order; for each one it does
    /// not serve or will not tell, a line in <paramref name="notes"/> and the audit goes on.
    /// </summary>
    public static async Task<IReadOnlyList<AuditedKind>> DiscoverAsync(IClusterSource cluster, IReadOnlyList<WorkloadKind> workloads, List<string> notes, CancellationToken cancellation)
    {
        var found = new List<AuditedKind>();
        var served = new Dictionary<(string, string), IReadOnlyList<ServedResource>?>();
        foreach (var workload in workloads.DistinctBy(w => (w.Group, w.Version, w.Kind)))
        {
            var named = $"workloads: {workload}";
            if (!served.TryGetValue((workload.Group, workload.Version), out var resources))
            {
                try
                {
                    resources = await cluster.DiscoverAsync(workload.Group, workload.Version, cancellation).ConfigureAwait(false);
                }
                catch (ClusterException e) when (e.Status is 403 or 404)
                {
                    notes.Add(e.Status == 404
                        ? $"{named}: {workload.ApiVersion} is not served by {cluster.Server} (HTTP 404 on discovery: its CRD is not installed); its objects were not audited"
                        : $"{named}: discovery forbidden (HTTP 403): {e.Message}; its objects were not audited");
                    resources = null;
                }

                served[(workload.Group, workload.Version)] = resources;
            }

            if (resources is null)
            {
                continue;
            }

            // Subresources (clonesets/status) carry their parent's kind: only the resource itself is listed.
            var resource = resources.FirstOrDefault(r => !r.IsSubresource && r.Kind == workload.Kind && r.Name.Length > 0);
            if (resource is null)
            {
                notes.Add($"{named}: {cluster.Server} serves {workload.ApiVersion} but no kind {workload.Kind} in it; its objects were not audited");
                continue;
            }

            // A configured workload makes pods (a CloneSet) or ReplicaSets (an Argo Rollout): an owner,
            // as its row of the kind table says; its resource and scope are discovery's.
            found.Add(new AuditedKind(workload.Group, workload.Version, resource.Name, workload.Kind, resource.Namespaced, workload.Row.OwnsObjects));
        }

        return found;
    }
}
