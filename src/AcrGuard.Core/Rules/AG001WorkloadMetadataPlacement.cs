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
            .Custom((obj, context) =>
            {
                Check(obj, obj.WorkloadAnnotations!, rule, context);
                foreach (var nested in obj.NestedAnnotations)
                {
                    Check(obj, nested, rule, context);
                }
            });
    }

    // One metadata block that is not the pod template's: the workload's own, or a nested one.
    private static void Check(ReviewedObject obj, AnnotationSet metadata, ActiveRule rule, ValidationContext<ReviewSubject> context)
    {
        var template = obj.Target.Annotations;
        foreach (var key in AcrAnnotationKeys.InOrder)
        {
            if (metadata.ValueOf(key) is not { } value)
            {
                continue;
            }

            if (template.ValueOf(key) == value)
            {
                context.Report(rule.AtMostWarning, metadata.PathOf(key),
                    $"{key} on {Where(obj, metadata)} copies the pod template's and has no effect there: remove it from {metadata.MetadataPath}.annotations");
            }
            else
            {
                context.Report(rule, metadata.PathOf(key),
                    $"{key} is on {Where(obj, metadata)}{WhyIneffective(obj, metadata)}: move it to {template.MetadataPath}.annotations");
            }
        }
    }

    private static string Where(ReviewedObject obj, AnnotationSet metadata) =>
        IsOwn(obj, metadata) ? $"the {obj.Identity.Kind}'s metadata" : metadata.MetadataPath;

    // The created objects carry a nested block's annotation, their pods never do.
    private static string WhyIneffective(ReviewedObject obj, AnnotationSet metadata) =>
        IsOwn(obj, metadata)
            ? ", where ECI never reads it"
            : $": the {(obj.Kind == ObjectKind.CronJob ? "Jobs" : "objects")} the {obj.Identity.Kind} creates carry it, their pods never do";

    private static bool IsOwn(ReviewedObject obj, AnnotationSet metadata) => ReferenceEquals(metadata, obj.WorkloadAnnotations);
}
