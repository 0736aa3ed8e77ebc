using AcrGuard.Annotations;
using AcrGuard.Findings;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>One annotation on its own: malformed values (AG005, AG006), lookalike keys (AG007), the legacy key (AG013).</summary>
public sealed class AnnotationValidator : AbstractValidator<Annotation>
{
    public AnnotationValidator()
    {
        RuleFor(a => a).Custom((annotation, context) =>
        {
            if (AcrAnnotationKeys.IsArnKey(annotation.Key))
            {
                CheckArns(annotation, context);
            }
            else if (AcrAnnotationKeys.IsInstanceIdKey(annotation.Key))
            {
                if (annotation.Key == AcrAnnotationKeys.LegacyInstanceId)
                {
                    context.Report(RuleCatalog.AG013, annotation.Path,
                        $"{AcrAnnotationKeys.LegacyInstanceId} is the legacy singular key that ECI may ignore: rename it to {AcrAnnotationKeys.InstanceIds}");
                }

                CheckInstanceIds(annotation, context);
            }
            else if (KeyLookalike.IntendedKey(annotation.Key) is { } intended)
            {
                context.Report(RuleCatalog.AG007, annotation.Path,
                    $"annotation {MessageText.Quote(annotation.Key)} is not a key ECI knows, so it is silently ignored: did you mean {intended}?");
            }
        });
    }

    private static void CheckArns(Annotation annotation, ValidationContext<Annotation> context)
    {
        foreach (var item in AnnotationValueList.Items(annotation.Value))
        {
            if (item.Length == 0)
            {
                context.Report(RuleCatalog.AG005, annotation.Path,
                    $"{annotation.Key} has an empty item: remove the stray comma or give a role ARN (acs:ram::<account id>:role/<role name>)");
            }
            else if (RamRoleArn.IsMasked(item))
            {
                context.Report(RuleCatalog.AG005, annotation.Path,
                    $"{annotation.Key} item {MessageText.Quote(item)} has digits masked with * as in the docs: use the real account id");
            }
            else if (!RamRoleArn.TryParse(item, out _))
            {
                context.Report(RuleCatalog.AG005, annotation.Path,
                    $"{annotation.Key} item {MessageText.Quote(item)} is not a RAM role ARN: use acs:ram::<account id>:role/<role name>");
            }
        }
    }

    private static void CheckInstanceIds(Annotation annotation, ValidationContext<Annotation> context)
    {
        foreach (var item in AnnotationValueList.Items(annotation.Value))
        {
            if (item.Length == 0)
            {
                context.Report(RuleCatalog.AG006, annotation.Path,
                    $"{annotation.Key} has an empty item: remove the stray comma or give an instance id (cri-<id>)");
            }
            else if (item.Contains('*'))
            {
                context.Report(RuleCatalog.AG006, annotation.Path,
                    $"{annotation.Key} item {MessageText.Quote(item)} is masked with * as in the docs: use the real instance id from the ACR console");
            }
            else if (!AcrInstanceId.IsValid(item))
            {
                context.Report(RuleCatalog.AG006, annotation.Path,
                    $"{annotation.Key} item {MessageText.Quote(item)} is not an ACR instance id: use cri-<id> or <region>:cri-<id>");
            }
        }
    }
}
