using AcrGuard.Annotations;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// AG004: an UPDATE that adds, changes or removes a pull annotation on a Pod or an ImageCache; ECI
/// read them at creation, so the change does nothing. Not for workloads: a template change rolls
/// out new pods.
/// </summary>
internal sealed class AG004ReadOnceChange : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG004;

    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        rules.RuleFor(s => s)
            .OnlyWhen(s => s.Old is not null && s.Current.AnnotationsAreReadOnce)
            .Custom((subject, context) => Check(subject, rule, context));
    }

    private static void Check(ReviewSubject subject, ActiveRule rule, ValidationContext<ReviewSubject> context)
    {
        var current = subject.Current.Target.Annotations;
        var previous = subject.Old!.Target.Annotations;
        var kind = subject.Current.Identity.Kind;
        foreach (var key in AcrAnnotationKeys.InOrder)
        {
            var before = previous.ValueOf(key);
            var after = current.ValueOf(key);
            if (before == after)
            {
                continue;
            }

            var change = before is null ? "added to" : after is null ? "removed from" : "changed on";
            context.Report(rule, current.PathOf(key),
                $"{key} was {change} an existing {kind}; ECI reads it only at creation, so this does nothing: recreate the {kind} instead");
        }
    }
}
