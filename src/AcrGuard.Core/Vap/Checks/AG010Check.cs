using AcrGuard.Annotations;
using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>
/// AG010 as <c>AG010UnknownRegistryHost</c> finds it: role ARNs, no instance id, and an image on a
/// host that is neither ACR, nor public, nor configured. The webhook reports each such host; a
/// validation gives one message, so the first host's, with the count of its images.
/// </summary>
internal sealed class AG010Check : VapRule
{
    public override RuleDescriptor Rule => RuleCatalog.AG010;

    public override IReadOnlyList<VapCheck> Checks { get; } = [new("ag010", Findings)];

    private static string Findings(VapScope scope, Subject s)
    {
        var target = scope.Var("target", s);
        var hosts = scope.Var("hosts", s);
        var registries = scope.Var("registries", s);
        var flags = scope.Define(s.Name("unknownHosts"), () => $"{registries}.map(c, c == 'unknown' ? '1' : '0').join()");
        var first = $"{flags}.indexOf('1')";
        var host = scope.Define(s.Name("firstUnknownHost"), () => $"{flags}.contains('1') ? {hosts}[{first}] : ''");
        var count = $"size({hosts}.filter(h, h == {host}))";
        var more = $"({count} == 1 ? '' : {count} == 2 ? ' (and 1 more image)' : ' (and ' + string({count} - 1) + ' more images)')";
        var arns = $"({CelText.String(AcrAnnotationKeys.ServiceArns)} in {target} || {CelText.String(AcrAnnotationKeys.UserArns)} in {target})";
        var noIds = $"!({CelText.String(AcrAnnotationKeys.InstanceIds)} in {target}) && !({CelText.String(AcrAnnotationKeys.LegacyInstanceId)} in {target})";
        return When(
            $"{arns} && {noIds} && {flags}.contains('1')",
            VapVariables.ImagePath(first, s, scope),
            $"'AG010 image host ' + {CelText.Quote(host)} + {more}"
            + $" + {CelText.String($" is not a known ACR or public registry: if it is an Enterprise custom domain, add {AcrAnnotationKeys.InstanceIds} and list it in registries.customDomains")}");
    }
}
