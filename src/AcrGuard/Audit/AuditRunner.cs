using System.Text.Json;
using AcrGuard.Audit.Cluster;
using AcrGuard.Check;
using AcrGuard.Check.Output;
using AcrGuard.Findings;

namespace AcrGuard.Audit;

/// <summary>
/// The work of <c>acrguard audit</c> without the console: read the namespaces' modes, find the
/// configured workload kinds through discovery, list each kind page by page, and judge each page
/// before asking for the next, so memory follows the page size, not the cluster.
/// </summary>
public sealed class AuditRunner(IClusterSource cluster, Evaluator evaluator, AuditOptions options, IAuditProgress? progress = null)
{
    private static readonly AuditedKind Namespaces = new(string.Empty, "v1", "namespaces", "Namespace", Namespaced: false, CanOwn: false);

    /// <summary>
    /// Where the report is written as the objects are judged (<see cref="CheckReport.Output"/>),
    /// so that it holds none of them; without it the report keeps every object.
    /// </summary>
    public IReportWriter? Writer { get; init; }

    /// <summary>Where <see cref="Writer"/> writes.</summary>
    public Stream? Output { get; init; }

    /// <summary>
    /// Audits the cluster; a <see cref="ClusterException"/> when it cannot be read (exit 2). With a
    /// <see cref="Writer"/>, the caller finishes and disposes the result's report output.
    /// </summary>
    public async Task<AuditResult> RunAsync(CancellationToken cancellation)
    {
        var report = new CheckReport(options.Mode ?? evaluator.Config.Mode);
        var result = new AuditResult(report) { KeepsFindings = options.KeepFindings };
        if (Writer is not null && Output is not null)
        {
            report.Output = Writer.Open(report, Output);
        }

        try
        {
            await AuditAsync(result, cancellation).ConfigureAwait(false);
            return result;
        }
        catch
        {
            report.Output?.Dispose();
            throw;
        }
    }

    private async Task AuditAsync(AuditResult result, CancellationToken cancellation)
    {
        var modes = options.Mode is { } mode ? NamespaceModes.Everywhere(mode) : await ReadModesAsync(cancellation).ConfigureAwait(false);
        var judge = new AuditJudge(evaluator, modes, options.IncludeOwned, result);
        string?[] scopes = options.Namespaces.Count == 0 ? new string?[] { null } : [.. options.Namespaces.Distinct(StringComparer.Ordinal)];
        foreach (var ns in options.Namespaces.Where(NamespaceModes.IsExcluded).Distinct(StringComparer.Ordinal))
        {
            result.Notes.Add($"{ns}: skipped, AcrGuard's webhooks do not judge it (deploy/ excludes it)");
        }

        // Configured workloads first: whatever they make (a CloneSet's Pods, a Rollout's
        // ReplicaSets) is then listed after them and folded into them.
        var configured = await ConfiguredKinds.DiscoverAsync(cluster, evaluator.Config.Workloads, result.Notes, cancellation).ConfigureAwait(false);
        foreach (var kind in configured.Concat(options.Kinds))
        {
            if (!kind.Namespaced && options.Namespaces.Count > 0)
            {
                continue;
            }

            result.ClusterScopedAudited |= !kind.Namespaced;
            foreach (var ns in kind.Namespaced ? scopes : new string?[] { null })
            {
                if (ns is not null && NamespaceModes.IsExcluded(ns))
                {
                    continue;
                }

                if (!await ListAsync(kind, ns, judge, result, cancellation).ConfigureAwait(false))
                {
                    break;
                }
            }
        }

        progress?.Done();
    }

    /// <summary>Lists and judges one kind in one scope; false when the kind is not there to list.</summary>
    private async Task<bool> ListAsync(AuditedKind kind, string? ns, AuditJudge judge, AuditResult result, CancellationToken cancellation)
    {
        string? token = null;
        string? lastKey = null;
        string? judgedThrough = null;
        var restarted = false;
        while (true)
        {
            ListPage page;
            try
            {
                page = await cluster.ListAsync(kind, ns, options.LabelSelector, options.PageSize, token, cancellation).ConfigureAwait(false);
            }
            catch (ClusterException e) when (e.Status == 410 && token is not null && !restarted)
            {
                // The continue token outlived etcd's compaction (about 5 minutes): the list restarts
                // from a fresh snapshot, and the items up to the last one judged are not judged again.
                restarted = true;
                token = null;
                judgedThrough = lastKey;
                result.Notes.Add($"{kind}: the list's continue token expired (HTTP 410 Gone); listed again from the start, the objects already judged not judged twice");
                continue;
            }
            catch (ClusterException e) when (e.Status is 403 or 404 && token is null && kind.Group.Length > 0 && !IsBuiltInGroup(kind.Group))
            {
                result.Notes.Add(e.Status == 404
                    ? $"{kind}: not served by {cluster.Server} (HTTP 404: its CRD is not installed); its objects were not audited"
                    : $"{kind}: forbidden (HTTP 403): {e.Message}; its objects were not audited");
                return false;
            }

            using (page)
            {
                foreach (var item in page.Items())
                {
                    var listed = ListedItem.Read(item);
                    if (judgedThrough is not null && string.CompareOrdinal(listed.Key, judgedThrough) <= 0)
                    {
                        continue;
                    }

                    judge.Judge(kind, item, listed);
                    lastKey = listed.Key;
                }

                progress?.Page(kind, judge.Judged);
                token = page.Continue;
            }

            if (token is null)
            {
                return true;
            }
        }
    }

    private async Task<NamespaceModes> ReadModesAsync(CancellationToken cancellation)
    {
        var found = new List<(string, IReadOnlyDictionary<string, string>)>();
        string? token = null;
        do
        {
            ListPage page;
            try
            {
                page = await cluster.ListAsync(Namespaces, null, null, options.PageSize, token, cancellation).ConfigureAwait(false);
            }
            catch (ClusterException e) when (e.Status == 403)
            {
                throw new ClusterException($"{e.Message}; the namespaces' acrguard.io/mode labels decide each one's mode: pass --mode enforce or --mode audit to audit without them", e.Status, e.Reason, e);
            }
            catch (ClusterException e) when (e.Status == 410 && token is not null)
            {
                found.Clear();
                token = null;
                continue;
            }

            using (page)
            {
                foreach (var item in page.Items())
                {
                    found.Add((ListedItem.Read(item).Name, Labels(item)));
                }

                token = page.Continue;
            }
        }
        while (token is not null);

        var names = found.Select(n => n.Item1).ToHashSet(StringComparer.Ordinal);
        var missing = options.Namespaces.Where(n => !names.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new ClusterException($"{cluster.Server} has no namespace {string.Join(", ", missing)}");
        }

        return NamespaceModes.FromLabels(found);
    }

    private static Dictionary<string, string> Labels(JsonElement item)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("labels", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in map.EnumerateObject())
            {
                if (label.Value.ValueKind == JsonValueKind.String)
                {
                    labels[label.Name] = label.Value.GetString() ?? string.Empty;
                }
            }
        }

        return labels;
    }

    // Kinds of kube-apiserver itself are always served; only kinds from CRDs may be absent.
    private static bool IsBuiltInGroup(string group) => group is "apps" or "batch";
}
