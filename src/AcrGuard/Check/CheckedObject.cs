using AcrGuard.Findings;
using AcrGuard.Workloads;

namespace AcrGuard.Check;

/// <summary>
/// One object of the input with its verdict; <see cref="InScope"/> is false for kinds AcrGuard
/// does not judge. <see cref="Source"/> is where it came from as reports show it: a
/// <see cref="Manifests.DocumentAddress"/> (<c>app.yaml#2.items[0]</c>) for check, <c>cluster</c> for audit.
/// </summary>
public sealed record CheckedObject(string File, string Source, int Line, ObjectIdentity Identity, bool InScope, Verdict Verdict)
{
    /// <summary>The line of each finding, in the order of <see cref="Verdict"/>'s findings (the document's line where the path is not found).</summary>
    public IReadOnlyList<int> FindingLines { get; init; } = [];

    /// <summary>With <c>--fix</c>: the findings of the input that were repaired, with their line in the input.</summary>
    public IReadOnlyList<Repairs.Repair> Repaired { get; init; } = [];

    /// <summary>With <c>--fix</c>: findings with a repair that were left as they are, and why.</summary>
    public IReadOnlyList<Repairs.UnrepairedFinding> Unrepaired { get; init; } = [];

    public int LineOf(int findingIndex) => findingIndex < FindingLines.Count ? FindingLines[findingIndex] : Line;
}
