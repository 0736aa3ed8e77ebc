using AcrGuard.Annotations;
using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>AG011 as <c>AG011EciMarker</c> finds it: pull keys on a pod (template) with none of ECI's visible markers.</summary>
internal sealed class AG011Check : VapRule
{
    public override RuleDescriptor Rule => RuleCatalog.AG011;

    public override IReadOnlyList<VapCheck> Checks { get; } = [new("ag011", Findings)];

    private static string Findings(VapScope scope, Subject s)
    {
        var target = scope.Var("target", s);
        var keys = CelText.List(AcrAnnotationKeys.All);
        return When(
            $"{scope.Var("type")} != 'eci.alibabacloud.com/v1/ImageCache' && {keys}.exists(k, k in {target}) && !({scope.Var("eciMarked", s)})",
            $"{scope.Var("templatePath")} + \".annotations['\" + {keys}.filter(k, k in {target})[0] + \"']\"",
            CelText.String("AG011 ACR pull annotations on a pod with no ECI marker: only ECI reads them; label the pod alibabacloud.com/eci: \"true\" or make sure it is scheduled to ECI"));
    }
}
