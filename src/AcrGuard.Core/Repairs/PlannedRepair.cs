namespace AcrGuard.Repairs;

/// <summary>A repair decided for a finding, before the text is edited: the changes to the object's annotations and how to describe them.</summary>
public sealed record PlannedRepair(string Rule, string Path, string Description, IReadOnlyList<AnnotationChange> Changes)
{
    /// <summary>The finding repaired.</summary>
    public Findings.Finding? Finding { get; init; }
}

/// <summary>What <see cref="RepairPlanner"/> decided for an object: repairs to make, and findings with a repair that it leaves.</summary>
public sealed record RepairPlan(IReadOnlyList<PlannedRepair> Repairs, IReadOnlyList<(string Rule, string Path, string Reason)> Left)
{
    public static readonly RepairPlan Nothing = new([], []);

    public bool IsEmpty => Repairs.Count == 0 && Left.Count == 0;
}
