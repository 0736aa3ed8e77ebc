using AcrGuard.Annotations;
using AcrGuard.Configuration;
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
        List<HostFinding>? findings = null;
        foreach (var image in target.Images)
        {
            var kind = registries.Classify(image.Reference, out var domain);
            allNonAcr &= kind == RegistryKind.NonAcr;
            if (kind == RegistryKind.AcrCustomDomain)
            {
                instanceIds ??= EffectiveInstanceIds(annotations);
                if (!instanceIds.Contains(AcrInstanceId.WithoutRegion(domain!.InstanceId)))
                {
                    HostFinding.Add(ref findings, RuleCatalog.AG003, domain.Domain, image.Path, domain);
                }
            }
            else if (kind == RegistryKind.Unknown && hasArns && !hasInstanceIds && rules.IsOn(RuleCatalog.AG010))
            {
                HostFinding.Add(ref findings, RuleCatalog.AG010, image.Reference.Host, image.Path, domain: null);
            }
        }

        foreach (var finding in findings ?? [])
        {
            var more = finding.Count switch
            {
                1 => string.Empty,
                2 => " (and 1 more image)",
                _ => $" (and {finding.Count - 1} more images)",
            };
            if (finding.Domain is { } custom)
            {
                context.Report(RuleCatalog.AG003, finding.Path,
                    $"image on custom domain {custom.Domain}{more}: add its ACR instance {custom.InstanceId} to {annotations.PathOf(AcrAnnotationKeys.InstanceIds)}");
            }
            else
            {
                context.Report(RuleCatalog.AG010, finding.Path,
                    $"image host {MessageText.Quote(finding.Host)}{more} is not a known ACR or public registry: if it is an ACR Enterprise custom domain, add {AcrAnnotationKeys.InstanceIds} and list it in registries.customDomains");
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

    /// <summary>
    /// One finding per rule and host in a pod template, at its first image and with the count of
    /// the others: fifty containers on one custom domain are one mistake, and fifty copies of it
    /// would crowd every other warning out of kube-apiserver's 4 KiB.
    /// </summary>
    private sealed class HostFinding(RuleDescriptor rule, string host, string path, CustomDomain? domain)
    {
        public RuleDescriptor Rule { get; } = rule;

        public string Host { get; } = host;

        public string Path { get; } = path;

        public CustomDomain? Domain { get; } = domain;

        public int Count { get; private set; } = 1;

        public static void Add(ref List<HostFinding>? findings, RuleDescriptor rule, string host, string path, CustomDomain? domain)
        {
            findings ??= [];
            foreach (var finding in findings)
            {
                if (finding.Rule == rule && string.Equals(finding.Host, host, StringComparison.OrdinalIgnoreCase))
                {
                    finding.Count++;
                    return;
                }
            }

            findings.Add(new HostFinding(rule, host, path, domain));
        }
    }
}
