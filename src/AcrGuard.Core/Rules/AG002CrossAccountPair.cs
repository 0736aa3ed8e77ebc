using AcrGuard.Annotations;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>AG002: <c>acr-user-arns</c> without <c>acr-service-arns</c>; a cross-account pull needs both.</summary>
internal sealed class AG002CrossAccountPair : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG002;

    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        rules.RuleFor(s => s.Current.Target.Annotations)
            .OnlyWhen(s => s.Current.Target.Annotations.Contains(AcrAnnotationKeys.UserArns)
                && !s.Current.Target.Annotations.Contains(AcrAnnotationKeys.ServiceArns))
            .Custom((annotations, context) => context.Report(rule, annotations.PathOf(AcrAnnotationKeys.UserArns),
                $"{AcrAnnotationKeys.UserArns} is set without {AcrAnnotationKeys.ServiceArns}: a cross-account pull needs both; add the ECI-side role ARN"));
    }
}
