using AcrGuard.Configuration;

namespace AcrGuard.Audit;

/// <summary>What <c>acrguard audit</c> looks at and how: the command's options, parsed.</summary>
public sealed record AuditOptions
{
    /// <summary>The page size kube-apiserver is asked for (the contract's default, kubectl's too).</summary>
    public const int DefaultPageSize = 500;

    /// <summary><c>--namespace</c>: empty for every namespace (and the cluster-scoped kinds).</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public string? LabelSelector { get; init; }

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary><c>--mode</c>: one mode everywhere instead of each namespace's label.</summary>
    public EnforcementMode? Mode { get; init; }

    public bool IncludeOwned { get; init; }

    /// <summary>Whether the objects with findings are kept for PolicyReports (<c>--policy-report</c>); without them memory does not grow with the findings.</summary>
    public bool KeepFindings { get; init; } = true;

    public IReadOnlyList<AuditedKind> Kinds { get; init; } = AuditedKinds.BuiltIn;
}
