using AcrGuard.Check;

namespace AcrGuard.Audit;

/// <summary>What an audit found: the report the check writers print, and what PolicyReports are made of.</summary>
public sealed class AuditResult(CheckReport report)
{
    public CheckReport Report { get; } = report;

    /// <summary>Whether <see cref="WithFindings"/> is kept: only <c>--policy-report</c> reads it, and it grows with the findings.</summary>
    public bool KeepsFindings { get; init; } = true;

    /// <summary>The objects with findings, for <c>--policy-report</c>.</summary>
    public List<ReportedObject> WithFindings { get; } = [];

    /// <summary>Kinds that could not be listed (absent or forbidden): one line each for stderr.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Owned objects left to their owner's findings.</summary>
    public int Folded { get; set; }

    /// <summary>Objects in namespaces the webhooks do not judge.</summary>
    public int Skipped { get; set; }

    /// <summary>Whether the cluster-scoped kinds were listed (not with <c>--namespace</c>).</summary>
    public bool ClusterScopedAudited { get; set; }
}
