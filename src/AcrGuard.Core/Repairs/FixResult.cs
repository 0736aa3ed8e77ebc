namespace AcrGuard.Repairs;

/// <summary>
/// What <see cref="ManifestFixer"/> made of an input: its text with the repairs made (the input
/// itself when there were none), each object's repairs and the findings left, and the edits in
/// the input's character offsets (for a diff, or SARIF's replacements).
/// </summary>
public sealed class FixResult(string text, IReadOnlyList<ObjectRepairs> objects, IReadOnlyList<TextEdit> edits)
{
    public string Text { get; } = text;

    public IReadOnlyList<ObjectRepairs> Objects { get; } = objects;

    public IReadOnlyList<TextEdit> Edits { get; } = edits;

    public int RepairCount => Objects.Sum(o => o.Repaired.Count);

    public bool Changed => Edits.Count > 0;

    public static FixResult Unchanged(string text) => new(text, [], []);

    public static FixResult Refused(string text, IEnumerable<ObjectRepairs> objects) => new(text, [.. objects], []);
}
