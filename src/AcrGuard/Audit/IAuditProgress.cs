namespace AcrGuard.Audit;

/// <summary>Told after every page, so a person at a terminal sees the audit move.</summary>
public interface IAuditProgress
{
    void Page(AuditedKind kind, int objectsJudged);

    void Done();
}
