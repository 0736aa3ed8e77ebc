using System.Linq.Expressions;
using AcrGuard.Images;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// What a rule unit composes itself with: <c>RuleFor</c> and <c>RuleForEach</c> of the one
/// <see cref="ObjectValidator"/> (one flat validator: no child validators, whose contexts cost more
/// than most rules), the rule as configured, and the registry classification it may need.
/// </summary>
internal sealed class RuleComposer(ObjectValidator validator, ActiveRule rule, RegistryClassifier registries)
{
    public ActiveRule Rule { get; } = rule;

    public RegistryClassifier Registries { get; } = registries;

    public IRuleBuilderInitial<ReviewSubject, TProperty> RuleFor<TProperty>(Expression<Func<ReviewSubject, TProperty>> expression) =>
        validator.AddRule(expression);

    public IRuleBuilderInitialCollection<ReviewSubject, TElement> RuleForEach<TElement>(Expression<Func<ReviewSubject, IEnumerable<TElement>>> expression) =>
        validator.AddRuleForEach(expression);
}
