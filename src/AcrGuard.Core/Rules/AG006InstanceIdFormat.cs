using AcrGuard.Annotations;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>AG006: an item of <c>acr-instance-ids</c> (or the legacy <c>acr-instance-id</c>) that is not an instance id.</summary>
internal sealed class AG006InstanceIdFormat : IRule
{
    /// <summary>What a bad item is told, by the rule and by its ValidatingAdmissionPolicy alike.</summary>
    public static readonly MalformedItemWording Wording = new(
        Empty: "give an instance id (cri-<id>)",
        Masked: "is masked with * as in the docs: use the real instance id from the ACR console",
        Invalid: "is not an ACR instance id: use cri-<id> or <region>:cri-<id>");

    public RuleDescriptor Rule => RuleCatalog.AG006;

    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        rules.RuleFor(s => s.Current.Target.Annotations)
            .OnlyWhen(s => s.Current.Target.Annotations.Contains(AcrAnnotationKeys.InstanceIds)
                || s.Current.Target.Annotations.Contains(AcrAnnotationKeys.LegacyInstanceId))
            .Custom((annotations, context) => Check(annotations, rule, context));
    }

    private static void Check(AnnotationSet annotations, ActiveRule rule, ValidationContext<ReviewSubject> context)
    {
        // By index: a foreach over the interface would allocate an enumerator per review.
        for (var i = 0; i < annotations.Items.Count; i++)
        {
            var annotation = annotations.Items[i];
            if (AcrAnnotationKeys.IsInstanceIdKey(annotation.Key))
            {
                MalformedItems.Check(annotation, rule, context, AcrInstanceId.IsValid,
                    empty: Wording.Empty, masked: Wording.Masked, invalid: Wording.Invalid);
            }
        }
    }
}
