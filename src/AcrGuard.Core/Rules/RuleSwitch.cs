using AcrGuard.Configuration;

namespace AcrGuard.Rules;

/// <summary>Which rules the configuration leaves on, so that a rule switched off costs nothing.</summary>
public sealed class RuleSwitch(AcrGuardConfig config)
{
    public bool IsOn(RuleDescriptor rule) => SeverityOf(rule) is not null;

    /// <summary>The configured severity, the default where none is set, or null for a rule that is off.</summary>
    public RuleSeverity? SeverityOf(RuleDescriptor rule)
    {
        var severity = config.Rules.TryGetValue(rule.Id, out var configured) ? configured : rule.DefaultSeverity;
        return severity == RuleSeverity.Off ? null : severity;
    }
}
