namespace AcrGuard.Findings;

public enum FindingSeverity
{
    Error,
    Warning,
}
