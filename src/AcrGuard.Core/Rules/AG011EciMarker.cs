using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>AG011 (off by default): pull annotations on a pod (template) with no visible ECI marker; only ECI reads them.</summary>
internal sealed class AG011EciMarker : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG011;

    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        rules.RuleFor(s => s.Current.Target.Annotations)
            .OnlyWhen(s => s.Current.Target.HasEciMarker == false)
            .Custom((annotations, context) =>
            {
                if (PullKeys.First(annotations) is { } key)
                {
                    context.Report(rule, annotations.PathOf(key),
                        "ACR pull annotations on a pod with no ECI marker: only ECI reads them; label the pod alibabacloud.com/eci: \"true\" or make sure it is scheduled to ECI");
                }
            });
    }
}
