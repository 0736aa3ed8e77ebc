using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// <c>When</c> for a whole rule: the precondition is checked before the rule reads its property,
/// so a rule that does not apply to an object costs a call and allocates nothing (a <c>When</c> on
/// the builder is checked per component, after the rule has set up its property accessor).
/// </summary>
internal static class RuleBuilderExtensions
{
    public static IRuleBuilderInitial<ReviewSubject, TProperty> OnlyWhen<TProperty>(
        this IRuleBuilderInitial<ReviewSubject, TProperty> rule, Func<ReviewSubject, bool> predicate) =>
        rule.Configure(r => r.ApplySharedCondition(context => predicate(context.InstanceToValidate)));

    public static IRuleBuilderInitialCollection<ReviewSubject, TElement> OnlyWhen<TElement>(
        this IRuleBuilderInitialCollection<ReviewSubject, TElement> rule, Func<ReviewSubject, bool> predicate) =>
        rule.Configure(r => r.ApplySharedCondition(context => predicate(context.InstanceToValidate)));
}
