using AcrGuard.Annotations;
using AcrGuard.Findings;
using AcrGuard.Images;
using AcrGuard.Workloads;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// The whole catalogue for one object: placement on a workload and on the object templates on the
/// way to its pods (AG001, and AG007 for lookalike keys there), changes to a live Pod or
/// ImageCache (AG004), ImageCache pull secrets (AG012), and the pull target through
/// <see cref="PullTargetValidator"/>. Build it once per configuration: validators are not cheap to make.
/// </summary>
public sealed partial class ObjectValidator : AbstractValidator<ReviewSubject>
{
    public ObjectValidator(RegistryClassifier registries, RuleSwitch rules)
    {
        RuleFor(s => s.Current).Custom((obj, context) => CheckPlacement(obj, context));

        RuleFor(s => s).Custom((subject, context) => CheckReadOnceChanges(subject, context))
            .When(s => s.Old is not null && s.Current.AnnotationsAreReadOnce);

        RuleForEach(s => s.Current.PullSecrets).Custom((secret, context) =>
        {
            if (!PullSecretPattern().IsMatch(secret.Value))
            {
                context.Report(RuleCatalog.AG012, secret.Path,
                    $"imagePullSecrets item {MessageText.Quote(secret.Value)} is not namespace:name: write it as e.g. default:my-secret");
            }
        });

        RuleFor(s => s.Current.Target).SetValidator(new PullTargetValidator(registries, rules));
    }

    private static void CheckPlacement(ReviewedObject obj, ValidationContext<ReviewSubject> context)
    {
        if (obj.WorkloadAnnotations is not { } own)
        {
            return;
        }

        var template = obj.Target.Annotations;
        foreach (var key in AcrAnnotationKeys.All)
        {
            if (own.ValueOf(key) is not { } value)
            {
                continue;
            }

            if (template.ValueOf(key) == value)
            {
                // A copy of what the template already says: harmless, so advisory only (never denies).
                context.Report(RuleCatalog.AG001, own.PathOf(key),
                    $"{key} on the {obj.Identity.Kind}'s metadata copies the pod template's and has no effect there: remove it from metadata.annotations",
                    Severity.Info);
            }
            else
            {
                context.Report(RuleCatalog.AG001, own.PathOf(key),
                    $"{key} is on the {obj.Identity.Kind}'s metadata, where ECI never reads it: move it to {template.MetadataPath}.annotations");
            }
        }

        CheckLookalikes(own, obj.Identity.Kind, template, context);
        for (var i = 0; i < obj.NestedAnnotations.Count; i++)
        {
            var nested = obj.NestedAnnotations[i];
            CheckNestedPlacement(obj, nested, context);
            CheckLookalikes(nested, kind: null, template, context);
        }
    }

    // The metadata of what the workload creates on the way to its pods (a CronJob's Jobs): the
    // created objects carry the annotation, their pods never do.
    private static void CheckNestedPlacement(ReviewedObject obj, AnnotationSet nested, ValidationContext<ReviewSubject> context)
    {
        var template = obj.Target.Annotations;
        var created = obj.Kind == ObjectKind.CronJob ? "Jobs" : "objects";
        foreach (var key in AcrAnnotationKeys.All)
        {
            if (nested.ValueOf(key) is not { } value)
            {
                continue;
            }

            if (template.ValueOf(key) == value)
            {
                context.Report(RuleCatalog.AG001, nested.PathOf(key),
                    $"{key} on {nested.MetadataPath} copies the pod template's and has no effect there: remove it from {nested.MetadataPath}.annotations",
                    Severity.Info);
            }
            else
            {
                context.Report(RuleCatalog.AG001, nested.PathOf(key),
                    $"{key} is on {nested.MetadataPath}: the {created} the {obj.Identity.Kind} creates carry it, their pods never do: move it to {template.MetadataPath}.annotations");
            }
        }
    }

    // A misspelt pull key on metadata ECI never reads is wrong twice over, and AG001 (which knows
    // only the real keys) does not see it: without this nothing would point at it at all.
    // Indexed loops: this runs on every workload review, and an interface foreach allocates.
    private static void CheckLookalikes(AnnotationSet metadata, string? kind, AnnotationSet template, ValidationContext<ReviewSubject> context)
    {
        for (var i = 0; i < metadata.Items.Count; i++)
        {
            var annotation = metadata.Items[i];
            if (KeyLookalike.IntendedKey(annotation.Key) is { } intended)
            {
                var where = kind is null ? metadata.MetadataPath : $"the {kind}'s metadata";
                context.Report(RuleCatalog.AG007, annotation.Path,
                    $"annotation {MessageText.Quote(annotation.Key)} on {where} is not a key ECI knows nor a place it reads: did you mean {intended}, on {template.MetadataPath}.annotations?");
            }
        }
    }

    private static void CheckReadOnceChanges(ReviewSubject subject, ValidationContext<ReviewSubject> context)
    {
        var current = subject.Current.Target.Annotations;
        var previous = subject.Old!.Target.Annotations;
        var kind = subject.Current.Identity.Kind;
        foreach (var key in AcrAnnotationKeys.All)
        {
            var before = previous.ValueOf(key);
            var after = current.ValueOf(key);
            if (before == after)
            {
                continue;
            }

            var change = before is null ? "added to" : after is null ? "removed from" : "changed on";
            context.Report(RuleCatalog.AG004, current.PathOf(key),
                $"{key} was {change} an existing {kind}; ECI reads it only at creation, so this does nothing: recreate the {kind} instead");
        }
    }

    // namespace (DNS label) ':' secret name (DNS subdomain), as ImageCache's API reference gives it.
    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?:[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PullSecretPattern();
}
