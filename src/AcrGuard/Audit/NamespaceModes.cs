using AcrGuard.Configuration;

namespace AcrGuard.Audit;

/// <summary>
/// The mode each namespace is judged in, as the installed webhooks would judge it: the
/// <c>acrguard.io/mode: audit</c> label turns a namespace to audit, every other namespace is
/// enforced, and the namespaces deploy/ leaves out of the webhook are not judged at all.
/// </summary>
public sealed class NamespaceModes
{
    public const string ModeLabel = ModeLabelPolicy.Label;

    /// <summary>The namespaces deploy/base's namespaceSelector excludes from both webhooks.</summary>
    public static readonly IReadOnlySet<string> Excluded = new HashSet<string>(StringComparer.Ordinal)
    {
        "kube-system", "kube-public", "kube-node-lease", "acrguard-system",
    };

    private readonly Dictionary<string, EnforcementMode> labelled;
    private readonly EnforcementMode? overridden;

    private NamespaceModes(Dictionary<string, EnforcementMode> labelled, EnforcementMode? overridden)
    {
        this.labelled = labelled;
        this.overridden = overridden;
    }

    /// <summary><c>--mode</c>: one mode everywhere, whatever the labels say.</summary>
    public static NamespaceModes Everywhere(EnforcementMode mode) => new([], mode);

    /// <summary>From each namespace's labels; a namespace not named here is enforced.</summary>
    public static NamespaceModes FromLabels(IEnumerable<(string Name, IReadOnlyDictionary<string, string> Labels)> namespaces)
    {
        var modes = new Dictionary<string, EnforcementMode>(StringComparer.Ordinal);
        foreach (var (name, labels) in namespaces)
        {
            modes[name] = labels.TryGetValue(ModeLabel, out var value) && value == ModeLabelPolicy.AuditValue
                ? EnforcementMode.Audit
                : EnforcementMode.Enforce;
        }

        return new NamespaceModes(modes, null);
    }

    public static bool IsExcluded(string ns) => Excluded.Contains(ns);

    /// <summary>The mode of a namespaced object; null when its namespace is not judged.</summary>
    public EnforcementMode? ModeOf(string ns) =>
        IsExcluded(ns) ? null
        : overridden ?? (labelled.TryGetValue(ns, out var mode) ? mode : EnforcementMode.Enforce);

    /// <summary>
    /// Cluster-scoped objects (ImageCache) have no namespace label: the webhook judges them at
    /// <c>/validate</c>, in the configuration's mode, unless <c>--mode</c> says otherwise.
    /// </summary>
    public EnforcementMode ClusterScopedMode(EnforcementMode configured) => overridden ?? configured;
}
