using AcrGuard.Annotations;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>AG005: an item of <c>acr-service-arns</c> or <c>acr-user-arns</c> that is not a RAM role ARN.</summary>
internal sealed class AG005ArnFormat : IRule
{
    /// <summary>What a bad item is told, by the rule and by its ValidatingAdmissionPolicy alike.</summary>
    public static readonly MalformedItemWording Wording = new(
        Empty: "give a role ARN (acs:ram::<account id>:role/<role name>)",
        Masked: "has digits masked with * as in the docs: use the real account id",
        Invalid: "is not a RAM role ARN: use acs:ram::<account id>:role/<role name>");

    public RuleDescriptor Rule => RuleCatalog.AG005;

    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        rules.RuleFor(s => s.Current.Target.Annotations)
            .OnlyWhen(s => s.Current.Target.Annotations.Contains(AcrAnnotationKeys.ServiceArns)
                || s.Current.Target.Annotations.Contains(AcrAnnotationKeys.UserArns))
            .Custom((annotations, context) => Check(annotations, rule, context));
    }

    private static void Check(AnnotationSet annotations, ActiveRule rule, ValidationContext<ReviewSubject> context)
    {
        // By index: a foreach over the interface would allocate an enumerator per review.
        for (var i = 0; i < annotations.Items.Count; i++)
        {
            var annotation = annotations.Items[i];
            if (AcrAnnotationKeys.IsArnKey(annotation.Key))
            {
                MalformedItems.Check(annotation, rule, context, RamRoleArn.IsValid,
                    empty: Wording.Empty, masked: Wording.Masked, invalid: Wording.Invalid);
            }
        }
    }
}
