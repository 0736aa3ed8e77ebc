namespace AcrGuard.Repairs;

/// <summary>A finding repaired in the text: its rule and path, the line it was on, and what was done (<c>moved ... from ... to ...</c>).</summary>
public sealed record Repair(string Rule, string Path, int Line, string Description)
{
    /// <summary>The finding as it was before the repair: its severity and message.</summary>
    public Findings.Finding? Finding { get; init; }

    /// <summary>The edits of this repair alone, in the input's offsets: what SARIF offers as its fix.</summary>
    public IReadOnlyList<TextEdit> Edits { get; init; } = [];
}

/// <summary>A finding that has a repair, left as it is: why (a different value already at the destination, a layout not safe to edit, input never written).</summary>
public sealed record UnrepairedFinding(string Rule, string Path, int Line, string Reason);

/// <summary>What a fix did to one object of an input, by its address.</summary>
public sealed record ObjectRepairs(Manifests.DocumentAddress Address, IReadOnlyList<Repair> Repaired, IReadOnlyList<UnrepairedFinding> Unrepaired);
