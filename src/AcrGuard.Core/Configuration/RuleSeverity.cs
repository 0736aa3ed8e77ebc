namespace AcrGuard.Configuration;

/// <summary>A severity the configuration may set for a rule (<c>rules: {AG011: warning}</c>).</summary>
public enum RuleSeverity
{
    Error,
    Warning,
    Off,
}
