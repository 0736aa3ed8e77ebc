using System.Buffers;
using System.Text.Json;
using AcrGuard.Check;
using AcrGuard.Findings;
using AcrGuard.Workloads;

namespace AcrGuard.Audit;

/// <summary>
/// The pure core of the audit: list items in, findings out, with no cluster in sight. Decides
/// each item's mode, folds owned objects into audited owners, and judges the rest with the same
/// <see cref="ObjectReader"/> and <see cref="Evaluator"/> as <c>check</c> and the webhook.
/// </summary>
public sealed class AuditJudge(Evaluator evaluator, NamespaceModes modes, bool includeOwned, AuditResult result)
{
    /// <summary>What <c>--output json</c> names as every object's source.</summary>
    public const string Source = "cluster";

    // Uids of audited objects that may control others. Only workloads: Pods own nothing the audit
    // lists, so this grows with the workloads, not with the Pods.
    private readonly HashSet<string> owners = new(StringComparer.Ordinal);

    // Namespaces repeat on every item: one copy each, held by the report's identities.
    private readonly Dictionary<string, string> namespaces = new(StringComparer.Ordinal);

    private readonly ArrayBufferWriter<byte> buffer = new(16 * 1024);

    public int Judged { get; private set; }

    /// <summary>Judges one item of a list of <paramref name="kind"/>.</summary>
    public void Judge(AuditedKind kind, JsonElement item, in ListedItem listed)
    {
        var mode = kind.Namespaced ? modes.ModeOf(listed.Namespace) : modes.ClusterScopedMode(evaluator.Config.Mode);
        if (mode is null)
        {
            result.Skipped++;
            return;
        }

        if (kind.CanOwn && listed.Uid.Length > 0)
        {
            owners.Add(listed.Uid);
        }

        Judged++;
        if (!includeOwned && listed.ControllerUid is { } controller && owners.Contains(controller))
        {
            result.Folded++;
            return;
        }

        KubeObject obj;
        try
        {
            obj = ObjectReader.Read(ListedItem.WithHeader(item, kind, buffer), evaluator.Config.Workloads);
        }
        catch (UnreadableObjectException e)
        {
            result.Report.InputErrors.Add($"{Source}: {kind.Kind} {listed.Key}: {e.Message}");
            return;
        }

        var verdict = evaluator.Evaluate(obj, mode: mode);
        var identity = new ObjectIdentity(kind.ApiVersion, kind.Kind, Intern(obj.Identity.Namespace), obj.Identity.Name);
        result.Report.Add(new CheckedObject(Source, Source, 0, identity, obj.InScope, verdict));
        if (verdict.Findings.Count > 0 && result.KeepsFindings)
        {
            result.WithFindings.Add(new ReportedObject(identity, listed.Uid, verdict));
        }
    }

    private string Intern(string ns)
    {
        if (!namespaces.TryGetValue(ns, out var shared))
        {
            namespaces[ns] = shared = ns;
        }

        return shared;
    }
}
