using System.Text.Json.Nodes;
using AcrGuard.Audit.Cluster;

namespace AcrGuard.Audit.PolicyReports;

/// <summary>
/// Writes an audit's findings to the cluster: the PolicyReport <c>acrguard</c> of each namespace
/// with findings, created or replaced whole, the ClusterPolicyReport <c>acrguard</c> for
/// cluster-scoped objects, and deletes the reports of namespaces left with none.
/// </summary>
public sealed class PolicyReportPublisher(IClusterSource cluster, AuditOptions options, TimeProvider time)
{
    /// <summary>Whether the resources exist, asked before the audit so a missing CRD costs no full run.</summary>
    public async Task EnsureInstalledAsync(CancellationToken cancellation)
    {
        foreach (var kind in new[] { PolicyReportKinds.PolicyReports, PolicyReportKinds.ClusterPolicyReports })
        {
            try
            {
                using var page = await cluster.ListAsync(kind, null, null, 1, null, cancellation).ConfigureAwait(false);
            }
            catch (ClusterException e) when (e.Status == 404)
            {
                throw new ClusterException(
                    $"--policy-report: {cluster.Server} does not serve {kind.Plural}.{kind.Group}/{kind.Version} (HTTP 404): the PolicyReport CRDs are not installed (docs/install.md says how)",
                    e.Status, e.Reason, e);
            }
        }
    }

    /// <summary>Writes the reports; what it did, one line per report, for stderr.</summary>
    public async Task<IReadOnlyList<string>> PublishAsync(AuditResult result, CancellationToken cancellation)
    {
        var done = new List<string>();
        var now = time.GetUtcNow();
        var byNamespace = result.WithFindings
            .GroupBy(o => o.Identity.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var (ns, objects) in byNamespace.Where(p => p.Key.Length > 0).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            await UpsertAsync(PolicyReportKinds.PolicyReports, ns, PolicyReportBuilder.Build(ns, objects, now), cancellation).ConfigureAwait(false);
            done.Add($"PolicyReport {ns}/{PolicyReportKinds.Name}: {objects.Sum(o => o.Verdict.Findings.Count)} results");
        }

        foreach (var ns in await StaleAsync(byNamespace, cancellation).ConfigureAwait(false))
        {
            if (await cluster.DeleteAsync(PolicyReportKinds.PolicyReports, ns, PolicyReportKinds.Name, cancellation).ConfigureAwait(false))
            {
                done.Add($"PolicyReport {ns}/{PolicyReportKinds.Name}: deleted, no findings left");
            }
        }

        if (result.ClusterScopedAudited)
        {
            if (byNamespace.TryGetValue(string.Empty, out var clusterScoped))
            {
                await UpsertAsync(PolicyReportKinds.ClusterPolicyReports, null, PolicyReportBuilder.Build(null, clusterScoped, now), cancellation).ConfigureAwait(false);
                done.Add($"ClusterPolicyReport {PolicyReportKinds.Name}: {clusterScoped.Sum(o => o.Verdict.Findings.Count)} results");
            }
            else if (await cluster.DeleteAsync(PolicyReportKinds.ClusterPolicyReports, null, PolicyReportKinds.Name, cancellation).ConfigureAwait(false))
            {
                done.Add($"ClusterPolicyReport {PolicyReportKinds.Name}: deleted, no findings left");
            }
        }

        return done;
    }

    // This tool's reports in the namespaces the audit covered that have no findings now.
    private async Task<List<string>> StaleAsync(Dictionary<string, List<ReportedObject>> byNamespace, CancellationToken cancellation)
    {
        var stale = new List<string>();
        string?[] scopes = options.Namespaces.Count == 0 ? new string?[] { null } : [.. options.Namespaces.Distinct(StringComparer.Ordinal)];
        foreach (var scope in scopes)
        {
            string? token = null;
            do
            {
                using var page = await cluster.ListAsync(PolicyReportKinds.PolicyReports, scope, $"{PolicyReportKinds.ManagedByLabel}={PolicyReportKinds.Name}", options.PageSize, token, cancellation).ConfigureAwait(false);
                foreach (var item in page.Items())
                {
                    var report = ListedItem.Read(item);
                    if (report.Name == PolicyReportKinds.Name && !byNamespace.ContainsKey(report.Namespace) && !NamespaceModes.IsExcluded(report.Namespace))
                    {
                        stale.Add(report.Namespace);
                    }
                }

                token = page.Continue;
            }
            while (token is not null);
        }

        return stale;
    }

    // Replaced whole: the previous run's results go, this run's stay. A conflict means someone
    // wrote it between the read and the write; one more read settles it.
    private async Task UpsertAsync(AuditedKind kind, string? ns, JsonObject body, CancellationToken cancellation)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await cluster.GetAsync(kind, ns, PolicyReportKinds.Name, cancellation).ConfigureAwait(false);
            try
            {
                if (existing is null)
                {
                    await cluster.CreateAsync(kind, ns, body, cancellation).ConfigureAwait(false);
                }
                else
                {
                    body["metadata"]!["resourceVersion"] = existing["metadata"]?["resourceVersion"]?.DeepClone();
                    await cluster.ReplaceAsync(kind, ns, PolicyReportKinds.Name, body, cancellation).ConfigureAwait(false);
                }

                return;
            }
            catch (ClusterException e) when (e.Status == 409 && attempt == 0)
            {
                // Written by someone else meanwhile: read it again and replace that.
            }
        }
    }
}
