using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// A rule the configuration leaves on, with the severity its findings carry: decided once, when
/// the validator is built, so that a finding leaves the validator with its final severity.
/// </summary>
internal sealed class ActiveRule
{
    public ActiveRule(RuleDescriptor rule, Severity severity)
    {
        Rule = rule;
        Severity = severity;
        AtMostWarning = severity == Severity.Warning ? this : new ActiveRule(rule, Severity.Warning);
    }

    public RuleDescriptor Rule { get; }

    public Severity Severity { get; }

    /// <summary>
    /// The same rule for a finding that must never deny whatever the configuration says (AG001's
    /// harmless copy of the template's annotation): its severity is capped at warning.
    /// </summary>
    public ActiveRule AtMostWarning { get; }
}
