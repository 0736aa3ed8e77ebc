using AcrGuard.Annotations;
using AcrGuard.Findings;
using AcrGuard.Images;
using AcrGuard.Workloads;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>
/// The annotations ECI reads together with the images they serve: the cross-account pair
/// (AG002, AG009), custom domains (AG003, AG010), annotations that can have no effect (AG008,
/// AG011), and each annotation on its own through <see cref="AnnotationValidator"/>.
/// </summary>
public sealed class PullTargetValidator : AbstractValidator<PullTarget>
{
    public PullTargetValidator(RegistryClassifier registries, RuleSwitch rules)
    {
        RuleForEach(t => t.Annotations.Items).SetValidator(new AnnotationValidator());

        RuleFor(t => t).Custom((target, context) =>
        {
            var annotations = target.Annotations;
            var serviceArns = annotations.ValueOf(AcrAnnotationKeys.ServiceArns);
            var userArns = annotations.ValueOf(AcrAnnotationKeys.UserArns);
            if (userArns is not null && serviceArns is null)
            {
                context.Report(RuleCatalog.AG002, annotations.PathOf(AcrAnnotationKeys.UserArns),
                    $"{AcrAnnotationKeys.UserArns} is set without {AcrAnnotationKeys.ServiceArns}: a cross-account pull needs both; add the ECI-side role ARN");
            }

            if (userArns is not null && serviceArns is not null && rules.IsOn(RuleCatalog.AG009))
            {
                CheckSameAccount(annotations, serviceArns, userArns, context);
            }

            CheckImages(target, registries, rules, context);

            if (rules.IsOn(RuleCatalog.AG011) && target.HasEciMarker == false && FirstPullKey(annotations) is { } key)
            {
                context.Report(RuleCatalog.AG011, annotations.PathOf(key),
                    "ACR pull annotations on a pod with no ECI marker: only ECI reads them; label the pod alibabacloud.com/eci: \"true\" or make sure it is scheduled to ECI");
            }
        });
    }

    private static void CheckSameAccount(AnnotationSet annotations, string serviceArns, string userArns, ValidationContext<PullTarget> context)
    {
        var serviceAccounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in AnnotationValueList.Items(serviceArns))
        {
            if (RamRoleArn.TryParse(item, out var arn))
            {
                serviceAccounts.Add(arn!.AccountId);
            }
        }

        foreach (var item in AnnotationValueList.Items(userArns))
        {
            if (RamRoleArn.TryParse(item, out var arn) && serviceAccounts.Contains(arn!.AccountId))
            {
                context.Report(RuleCatalog.AG009, annotations.PathOf(AcrAnnotationKeys.UserArns),
                    $"{AcrAnnotationKeys.UserArns} and {AcrAnnotationKeys.ServiceArns} are both in account {arn.AccountId}: for a same-account pull drop {AcrAnnotationKeys.UserArns}; for cross-account use the ACR owner's role");
                return;
            }
        }
    }

    private static void CheckImages(PullTarget target, RegistryClassifier registries, RuleSwitch rules, ValidationContext<PullTarget> context)
    {
        var annotations = target.Annotations;
        var hasPullAnnotations = annotations.HasPullAnnotations();
        var hasArns = annotations.Contains(AcrAnnotationKeys.ServiceArns) || annotations.Contains(AcrAnnotationKeys.UserArns);
        var hasInstanceIds = annotations.Contains(AcrAnnotationKeys.InstanceIds) || annotations.Contains(AcrAnnotationKeys.LegacyInstanceId);
        var allNonAcr = target.Images.Count > 0;
        HashSet<string>? instanceIds = null;
        foreach (var image in target.Images)
        {
            var kind = registries.Classify(image.Reference, out var domain);
            allNonAcr &= kind == RegistryKind.NonAcr;
            if (kind == RegistryKind.AcrCustomDomain)
            {
                instanceIds ??= EffectiveInstanceIds(annotations);
                var wanted = AcrInstanceId.WithoutRegion(domain!.InstanceId);
                if (!instanceIds.Contains(wanted))
                {
                    context.Report(RuleCatalog.AG003, image.Path,
                        $"image on custom domain {domain.Domain} of ACR instance {domain.InstanceId}, which {AcrAnnotationKeys.InstanceIds} does not name: add {domain.InstanceId} to {annotations.PathOf(AcrAnnotationKeys.InstanceIds)}");
                }
            }
            else if (kind == RegistryKind.Unknown && hasArns && !hasInstanceIds && rules.IsOn(RuleCatalog.AG010))
            {
                context.Report(RuleCatalog.AG010, image.Path,
                    $"image host {MessageText.Quote(image.Reference.Host)} is not a known ACR or public registry: if it is an ACR Enterprise custom domain, add {AcrAnnotationKeys.InstanceIds} and list it in registries.customDomains");
            }
        }

        if (allNonAcr && hasPullAnnotations && FirstPullKey(annotations) is { } key && rules.IsOn(RuleCatalog.AG008))
        {
            context.Report(RuleCatalog.AG008, annotations.PathOf(key),
                "ACR pull annotations have no effect: every image is on a registry that is not ACR (e.g. Docker Hub); remove them or pull from ACR");
        }
    }

    // acr-instance-ids and the legacy acr-instance-id both count; region prefixes are ignored.
    private static HashSet<string> EffectiveInstanceIds(AnnotationSet annotations)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in (ReadOnlySpan<string>)[AcrAnnotationKeys.InstanceIds, AcrAnnotationKeys.LegacyInstanceId])
        {
            if (annotations.ValueOf(key) is { } value)
            {
                foreach (var item in AnnotationValueList.Items(value))
                {
                    if (AcrInstanceId.IsValid(item))
                    {
                        ids.Add(AcrInstanceId.WithoutRegion(item));
                    }
                }
            }
        }

        return ids;
    }

    private static string? FirstPullKey(AnnotationSet annotations)
    {
        foreach (var key in AcrAnnotationKeys.All)
        {
            if (annotations.Contains(key))
            {
                return key;
            }
        }

        return null;
    }
}
