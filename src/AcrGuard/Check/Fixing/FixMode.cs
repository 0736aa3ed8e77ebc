namespace AcrGuard.Check.Fixing;

/// <summary>Whether <c>check</c> repairs what it can (<c>--fix</c>), and whether it writes the files (<c>--dry-run</c> only shows the diff).</summary>
public enum FixMode
{
    Off,
    Write,
    DryRun,
}
