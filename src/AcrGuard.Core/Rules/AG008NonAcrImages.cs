using AcrGuard.Images;
using AcrGuard.Workloads;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>AG008: pull annotations on a pod (template) whose every image is on a known registry that is not ACR: they have no effect.</summary>
internal sealed class AG008NonAcrImages : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG008;

    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        var registries = rules.Registries;
        rules.RuleFor(s => s.Current.Target)
            .OnlyWhen(s => s.Current.Target.Images.Count > 0)
            .Custom((target, context) => Check(target, registries, rule, context));
    }

    private static void Check(PullTarget target, RegistryClassifier registries, ActiveRule rule, ValidationContext<ReviewSubject> context)
    {
        if (PullKeys.First(target.Annotations) is not { } key)
        {
            return;
        }

        // By index: a foreach over the interface would allocate an enumerator per review.
        for (var i = 0; i < target.Images.Count; i++)
        {
            var image = target.Images[i];
            if (registries.Classify(image.Reference) != RegistryKind.NonAcr)
            {
                return;
            }
        }

        context.Report(rule, target.Annotations.PathOf(key),
            "ACR pull annotations have no effect: every image is on a registry that is not ACR (e.g. Docker Hub); remove them or pull from ACR");
    }
}
