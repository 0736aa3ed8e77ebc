using AcrGuard.Annotations;
using AcrGuard.Workloads;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// AG001: a pull annotation on a workload's own metadata, or on the metadata of what it creates on
/// the way to its pods (a CronJob's Jobs), where ECI never reads it. A copy of what the pod
/// template already says is harmless: reported, capped at warning, never a denial.
/// </summary>
internal sealed class AG001WorkloadMetadataPlacement : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG001;

    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        rules.RuleFor(s => s.Current)
            .OnlyWhen(s => s.Current.WorkloadAnnotations is not null)
            .Custom((obj, context) => Check(obj, rule, context));
    }

    private static void Check(ReviewedObject obj, ActiveRule rule, ValidationContext<ReviewSubject> context)
    {
        var template = obj.Target.Annotations;
        var own = obj.WorkloadAnnotations!;
        foreach (var key in AcrAnnotationKeys.All)
        {
            if (own.ValueOf(key) is not { } value)
            {
                continue;
            }

            if (template.ValueOf(key) == value)
            {
                context.Report(rule.AtMostWarning, own.PathOf(key),
                    $"{key} on the {obj.Identity.Kind}'s metadata copies the pod template's and has no effect there: remove it from metadata.annotations");
            }
            else
            {
                context.Report(rule, own.PathOf(key),
                    $"{key} is on the {obj.Identity.Kind}'s metadata, where ECI never reads it: move it to {template.MetadataPath}.annotations");
            }
        }

        foreach (var nested in obj.NestedAnnotations)
        {
            CheckNested(obj, nested, rule, context);
        }
    }

    // The created objects carry the annotation, their pods never do.
    private static void CheckNested(ReviewedObject obj, AnnotationSet nested, ActiveRule rule, ValidationContext<ReviewSubject> context)
    {
        var template = obj.Target.Annotations;
        foreach (var key in AcrAnnotationKeys.All)
        {
            if (nested.ValueOf(key) is not { } value)
            {
                continue;
            }

            if (template.ValueOf(key) == value)
            {
                context.Report(rule.AtMostWarning, nested.PathOf(key),
                    $"{key} on {nested.MetadataPath} copies the pod template's and has no effect there: remove it from {nested.MetadataPath}.annotations");
            }
            else
            {
                var created = obj.Kind == ObjectKind.CronJob ? "Jobs" : "objects";
                context.Report(rule, nested.PathOf(key),
                    $"{key} is on {nested.MetadataPath}: the {created} the {obj.Identity.Kind} creates carry it, their pods never do: move it to {template.MetadataPath}.annotations");
            }
        }
    }
}
