using AcrGuard.Annotations;
using AcrGuard.Findings;
using AcrGuard.Images;
using AcrGuard.Workloads;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// AG010: role ARNs but no instance id, and an image on a host that is neither ACR, nor a known
/// public registry, nor configured: if it is an Enterprise custom domain, the instance id is missing.
/// </summary>
internal sealed class AG010UnknownRegistryHost : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG010;

    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        var registries = rules.Registries;
        rules.RuleFor(s => s.Current.Target)
            .OnlyWhen(s => HasArnsButNoInstanceId(s.Current.Target.Annotations))
            .Custom((target, context) => Check(target, registries, rule, context));
    }

    private static bool HasArnsButNoInstanceId(AnnotationSet annotations) =>
        (annotations.Contains(AcrAnnotationKeys.ServiceArns) || annotations.Contains(AcrAnnotationKeys.UserArns))
        && !annotations.Contains(AcrAnnotationKeys.InstanceIds) && !annotations.Contains(AcrAnnotationKeys.LegacyInstanceId);

    private static void Check(PullTarget target, RegistryClassifier registries, ActiveRule rule, ValidationContext<ReviewSubject> context)
    {
        List<HostFinding>? findings = null;
        // By index: a foreach over the interface would allocate an enumerator per review.
        for (var i = 0; i < target.Images.Count; i++)
        {
            var image = target.Images[i];
            if (registries.Classify(image.Reference) == RegistryKind.Unknown)
            {
                HostFinding.Add(ref findings, image.Reference.Host, image.Path);
            }
        }

        if (findings is null)
        {
            return;
        }

        foreach (var finding in findings)
        {
            context.Report(rule, finding.Path,
                $"image host {MessageText.Quote(finding.Host)}{finding.More} is not a known ACR or public registry: if it is an Enterprise custom domain, add {AcrAnnotationKeys.InstanceIds} and list it in registries.customDomains");
        }
    }
}
