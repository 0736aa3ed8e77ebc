namespace AcrGuard.Audit;

/// <summary>
/// One line on stderr, rewritten in place: the kind being listed, the kinds done, the objects
/// judged. Only on a terminal: a pipe or a file gets nothing, so it never mixes into a report.
/// </summary>
public sealed class TerminalProgress(TextWriter stderr, int kinds) : IAuditProgress
{
    private readonly HashSet<AuditedKind> seen = [];
    private int width;

    public void Page(AuditedKind kind, int objectsJudged)
    {
        seen.Add(kind);
        var line = $"acrguard audit: {kind} ({seen.Count}/{kinds} kinds), {objectsJudged} objects judged";
        stderr.Write('\r' + line.PadRight(width));
        width = line.Length;
        stderr.Flush();
    }

    public void Done()
    {
        if (width > 0)
        {
            stderr.Write('\r' + new string(' ', width) + '\r');
            stderr.Flush();
        }
    }
}
