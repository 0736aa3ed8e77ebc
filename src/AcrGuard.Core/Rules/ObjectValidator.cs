using System.Linq.Expressions;
using AcrGuard.Configuration;
using AcrGuard.Images;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// The catalogue for one object, as the configuration switches it: each rule unit of
/// <see cref="RuleUnits"/> that is on adds its rules here, with its configured severity; a unit
/// that is off is never composed, so it costs nothing. Build it once per configuration:
/// validators are not cheap to make.
/// </summary>
public sealed class ObjectValidator : AbstractValidator<ReviewSubject>
{
    public ObjectValidator(RegistryClassifier registries, RuleSwitch rules)
    {
        foreach (var unit in RuleUnits.All)
        {
            if (rules.SeverityOf(unit.Rule) is { } severity)
            {
                var active = new ActiveRule(unit.Rule, severity == RuleSeverity.Error ? Severity.Error : Severity.Warning);
                unit.Compose(new RuleComposer(this, active, registries));
            }
        }
    }

    internal IRuleBuilderInitial<ReviewSubject, TProperty> AddRule<TProperty>(Expression<Func<ReviewSubject, TProperty>> expression) =>
        RuleFor(expression);

    internal IRuleBuilderInitialCollection<ReviewSubject, TElement> AddRuleForEach<TElement>(Expression<Func<ReviewSubject, IEnumerable<TElement>>> expression) =>
        RuleForEach(expression);
}
