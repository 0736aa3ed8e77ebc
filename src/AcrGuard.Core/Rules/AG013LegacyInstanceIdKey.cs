using AcrGuard.Annotations;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// AG013: the legacy singular <c>acr-instance-id</c>, which ECI may ignore. Its value still counts
/// for AG003 and is checked by AG006.
/// </summary>
internal sealed class AG013LegacyInstanceIdKey : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG013;

    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        rules.RuleFor(s => s.Current.Target.Annotations)
            .OnlyWhen(s => s.Current.Target.Annotations.Contains(AcrAnnotationKeys.LegacyInstanceId))
            .Custom((annotations, context) => context.Report(rule, annotations.PathOf(AcrAnnotationKeys.LegacyInstanceId),
                $"{AcrAnnotationKeys.LegacyInstanceId} is the legacy singular key that ECI may ignore: rename it to {AcrAnnotationKeys.InstanceIds}"));
    }
}
