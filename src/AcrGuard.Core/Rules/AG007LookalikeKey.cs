using AcrGuard.Annotations;
using AcrGuard.Findings;
using AcrGuard.Workloads;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// AG007: an annotation key that looks like a pull key but is none, which ECI ignores without a
/// word, on the pod (template) and on a workload's metadata: a misspelt key where ECI never reads
/// is wrong twice over, and AG001 (which knows only the real keys) does not see it.
/// </summary>
internal sealed class AG007LookalikeKey : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG007;

    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        rules.RuleFor(s => s.Current).Custom((obj, context) => Check(obj, rule, context));
    }

    private static void Check(ReviewedObject obj, ActiveRule rule, ValidationContext<ReviewSubject> context)
    {
        var template = obj.Target.Annotations;
        if (obj.WorkloadAnnotations is { } own)
        {
            CheckElsewhere(own, obj, rule, context);
            foreach (var nested in obj.NestedAnnotations)
            {
                CheckElsewhere(nested, obj, rule, context);
            }
        }

        // By index: a foreach over the interface would allocate an enumerator per review.
        for (var i = 0; i < template.Items.Count; i++)
        {
            var annotation = template.Items[i];
            if (KeyLookalike.IntendedKey(annotation.Key) is { } intended)
            {
                context.Report(rule, annotation.Path,
                    $"annotation {MessageText.Quote(annotation.Key)} is not a key ECI knows, so it is silently ignored: did you mean {intended}?");
            }
        }
    }

    private static void CheckElsewhere(AnnotationSet metadata, ReviewedObject obj, ActiveRule rule, ValidationContext<ReviewSubject> context)
    {
        // By index: a foreach over the interface would allocate an enumerator per review.
        for (var i = 0; i < metadata.Items.Count; i++)
        {
            var annotation = metadata.Items[i];
            if (KeyLookalike.IntendedKey(annotation.Key) is { } intended)
            {
                var where = ReferenceEquals(metadata, obj.WorkloadAnnotations) ? $"the {obj.Identity.Kind}'s metadata" : metadata.MetadataPath;
                context.Report(rule, annotation.Path,
                    $"annotation {MessageText.Quote(annotation.Key)} on {where} is not a key ECI knows nor a place it reads: did you mean {intended}, on {obj.Target.Annotations.MetadataPath}.annotations?");
            }
        }
    }
}
