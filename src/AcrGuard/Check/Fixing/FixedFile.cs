using AcrGuard.Repairs;

namespace AcrGuard.Check.Fixing;

/// <summary>A file <c>--fix</c> changed (or, with <c>--dry-run</c>, would change): its text before and after, and the edits between them.</summary>
public sealed record FixedFile(string Path, string Before, string After, IReadOnlyList<TextEdit> Edits, int Repairs);
