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

    private static void CheckArns(Annotation annotation, ValidationContext<Annotation> context) =>
        CheckItems(annotation, context, RuleCatalog.AG005, item => RamRoleArn.TryParse(item, out _),
            empty: "give a role ARN (acs:ram::<account id>:role/<role name>)",
            masked: "has digits masked with * as in the docs: use the real account id",
            invalid: "is not a RAM role ARN: use acs:ram::<account id>:role/<role name>");

    private static void CheckInstanceIds(Annotation annotation, ValidationContext<Annotation> context) =>
        CheckItems(annotation, context, RuleCatalog.AG006, AcrInstanceId.IsValid,
            empty: "give an instance id (cri-<id>)",
            masked: "is masked with * as in the docs: use the real instance id from the ACR console",
            invalid: "is not an ACR instance id: use cri-<id> or <region>:cri-<id>");

    // Each comma-separated item on its own: an empty item, the docs' * masks (the Alibaba docs print
    // account digits and instance ids as 1609982529****** and copied verbatim they never work), or a bad shape.
    private static void CheckItems(
        Annotation annotation, ValidationContext<Annotation> context, RuleDescriptor rule, Func<string, bool> isValid, string empty, string masked, string invalid)
    {
        foreach (var item in AnnotationValueList.Items(annotation.Value))
        {
            if (item.Length == 0)
            {
                context.Report(rule, annotation.Path, $"{annotation.Key} has an empty item: remove the stray comma or {empty}");
            }
            else if (item.Contains('*'))
            {
                context.Report(rule, annotation.Path, $"{annotation.Key} item {MessageText.Quote(item)} {masked}");
            }
            else if (!isValid(item))
            {
                context.Report(rule, annotation.Path, $"{annotation.Key} item {MessageText.Quote(item)} {invalid}");
            }
        }
    }
}
