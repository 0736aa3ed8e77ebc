using AcrGuard.Annotations;
using AcrGuard.Images;
using AcrGuard.Workloads;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// AG003: an image on a configured custom domain whose instance is not among the effective
/// instance ids (<c>acr-instance-ids</c> and the legacy <c>acr-instance-id</c>, region prefixes
/// ignored): ECI cannot pull it without a secret.
/// </summary>
internal sealed class AG003CustomDomainInstanceId : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG003;

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
        var annotations = target.Annotations;
        List<HostFinding>? findings = null;
        // By index: a foreach over the interface would allocate an enumerator per review.
        for (var i = 0; i < target.Images.Count; i++)
        {
            var image = target.Images[i];
            if (registries.Classify(image.Reference, out var domain) == RegistryKind.AcrCustomDomain && !Names(annotations, domain!.InstanceId))
            {
                HostFinding.Add(ref findings, domain.Domain, image.Path, domain);
            }
        }

        if (findings is null)
        {
            return;
        }

        foreach (var finding in findings)
        {
            context.Report(rule, finding.Path,
                $"image on custom domain {finding.Domain!.Domain}{finding.More}: add its ACR instance {finding.Domain.InstanceId} to {annotations.PathOf(AcrAnnotationKeys.InstanceIds)}");
        }
    }

    /// <summary>Whether a valid item of either instance-id key names the instance, region prefixes ignored.</summary>
    private static bool Names(AnnotationSet annotations, string instanceId)
    {
        var wanted = AcrInstanceId.WithoutRegion(instanceId.AsSpan());
        foreach (var key in (ReadOnlySpan<string>)[AcrAnnotationKeys.InstanceIds, AcrAnnotationKeys.LegacyInstanceId])
        {
            if (annotations.ValueOf(key) is not { } value)
            {
                continue;
            }

            foreach (var item in new AnnotationValueList(value))
            {
                if (AcrInstanceId.IsValid(item) && AcrInstanceId.WithoutRegion(item).SequenceEqual(wanted))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
