using AcrGuard.Annotations;
using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>
/// AG003 as <c>AG003CustomDomainInstanceId</c> finds it: per configured domain, one finding at its
/// first image with the count of the others, when no valid instance id names its instance.
/// </summary>
internal sealed class AG003Check : VapRule
{
    public override RuleDescriptor Rule => RuleCatalog.AG003;

    public override IReadOnlyList<VapCheck> Checks { get; } = [new("ag003", Findings)];

    /// <summary>Without custom domains no image is on one: the rule has nothing to find.</summary>
    public override bool AppliesTo(VapVariables definitions) => definitions.CustomDomains.Count > 0;

    private static string Findings(VapScope scope, Subject s)
    {
        var domains = scope.Definitions.CustomDomains;
        var ids = scope.Var("instanceIds", s);
        var addTo = $"{scope.Var("templatePath")} + {CelText.String($".annotations['{AcrAnnotationKeys.InstanceIds}']")}";
        return string.Join("\n+ ", domains.Select((domain, i) =>
        {
            var flags = scope.Var($"customDomain{i}", s);
            var first = $"{flags}.indexOf('1')";
            var count = $"size({flags}.replace('0', ''))";
            var more = $"({count} == 1 ? '' : {count} == 2 ? ' (and 1 more image)' : ' (and ' + string({count} - 1) + ' more images)')";
            var wanted = CelText.String(AcrInstanceId.WithoutRegion(domain.InstanceId).ToString());
            return $"({When(
                $"{flags}.contains('1') && !({wanted} in {ids})",
                VapVariables.ImagePath(first, s, scope),
                $"{CelText.String($"AG003 image on custom domain {domain.Domain}")} + {more} + {CelText.String($": add its ACR instance {domain.InstanceId} to ")} + {addTo}")})";
        }));
    }
}
