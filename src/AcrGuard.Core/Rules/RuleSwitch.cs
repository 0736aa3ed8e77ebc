using AcrGuard.Configuration;

namespace AcrGuard.Rules;

/// <summary>
/// Which rules the configuration leaves on and at which severity: asked once per rule when the
/// <see cref="ObjectValidator"/> is built, so that a rule switched off is never composed and costs nothing.
/// </summary>
public sealed class RuleSwitch(AcrGuardConfig config)
{
    /// <summary>The configured severity, the default where none is set, or null for a rule that is off.</summary>
    public RuleSeverity? SeverityOf(RuleDescriptor rule)
    {
        var severity = config.Rules.TryGetValue(rule.Id, out var configured) ? configured : rule.DefaultSeverity;
        return severity == RuleSeverity.Off ? null : severity;
    }
}
