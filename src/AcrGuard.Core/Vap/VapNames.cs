namespace AcrGuard.Vap;

/// <summary>The names of what <c>acrguard vap</c> writes: one policy per severity, one binding per mode.</summary>
public static class VapNames
{
    /// <summary>The error rules' policy, and its enforcing binding (namespaces not labelled audit).</summary>
    public const string Errors = "acrguard";

    /// <summary>The error rules' binding for namespaces labelled <c>acrguard.io/mode: audit</c>: warnings and audit annotations.</summary>
    public const string Audit = "acrguard-audit";

    /// <summary>The warning rules' policy and binding: they warn, in every mode.</summary>
    public const string Warnings = "acrguard-warnings";

    /// <summary>As deploy/ excludes them from every webhook: the cluster's own components and AcrGuard's namespace.</summary>
    public static readonly IReadOnlyList<string> ExcludedNamespaces = ["kube-system", "kube-public", "kube-node-lease", "acrguard-system"];
}
