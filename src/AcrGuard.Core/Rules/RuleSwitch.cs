using AcrGuard.Configuration;

namespace AcrGuard.Rules;

/// <summary>Which rules the configuration leaves on, so that a rule switched off costs nothing.</summary>
public sealed class RuleSwitch(AcrGuardConfig config)
{
    public bool IsOn(RuleDescriptor rule) => SeverityOf(rule) is not null;

    /// <summary>The configured severity, the default where none is set, or null for a rule that is off.</summary>
    public RuleSeverity? SeverityOf(RuleDescriptor rule)
    {
        if (config.Rules.TryGetValue(rule.Id, out var configured))
        {
            return configured == RuleSeverity.Off ? null : configured;
        }

        if (RuleCatalog.IsOffByDefault(rule.Id))
        {
            return null;
        }

        return rule.DefaultSeverity == FluentValidation.Severity.Error ? RuleSeverity.Error : RuleSeverity.Warning;
    }
}
