using AcrGuard.Annotations;
using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>AG002 as <c>AG002CrossAccountPair</c> finds it: <c>acr-user-arns</c> without <c>acr-service-arns</c>.</summary>
internal sealed class AG002Check : VapRule
{
    public override RuleDescriptor Rule => RuleCatalog.AG002;

    public override IReadOnlyList<VapCheck> Checks { get; } = [new("ag002", Findings)];

    private static string Findings(VapScope scope, Subject s)
    {
        var target = scope.Var("target", s);
        return When(
            $"{CelText.String(AcrAnnotationKeys.UserArns)} in {target} && !({CelText.String(AcrAnnotationKeys.ServiceArns)} in {target})",
            TemplateKeyPath(scope, AcrAnnotationKeys.UserArns),
            CelText.String($"AG002 {AcrAnnotationKeys.UserArns} is set without {AcrAnnotationKeys.ServiceArns}: a cross-account pull needs both; add the ECI-side role ARN"));
    }
}
