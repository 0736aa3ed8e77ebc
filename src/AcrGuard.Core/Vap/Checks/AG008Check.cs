using AcrGuard.Annotations;
using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>AG008 as <c>AG008NonAcrImages</c> finds it: pull keys, and every image on a registry that is certainly not ACR.</summary>
internal sealed class AG008Check : VapRule
{
    public override RuleDescriptor Rule => RuleCatalog.AG008;

    public override IReadOnlyList<VapCheck> Checks { get; } = [new("ag008", Findings)];

    private static string Findings(VapScope scope, Subject s)
    {
        var target = scope.Var("target", s);
        var registries = scope.Var("registries", s);
        var keys = CelText.List(AcrAnnotationKeys.All);
        return When(
            $"{keys}.exists(k, k in {target}) && {registries}.exists(c, c != '') && {registries}.all(c, c == '' || c == 'public')",
            $"{scope.Var("templatePath")} + \".annotations['\" + {keys}.filter(k, k in {target})[0] + \"']\"",
            CelText.String("AG008 ACR pull annotations have no effect: every image is on a registry that is not ACR (e.g. Docker Hub); remove them or pull from ACR"));
    }
}
