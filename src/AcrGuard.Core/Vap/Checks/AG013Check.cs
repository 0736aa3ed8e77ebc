using AcrGuard.Annotations;
using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>AG013 as <c>AG013LegacyInstanceIdKey</c> finds it: the legacy singular key.</summary>
internal sealed class AG013Check : VapRule
{
    public override RuleDescriptor Rule => RuleCatalog.AG013;

    public override IReadOnlyList<VapCheck> Checks { get; } = [new("ag013", Findings)];

    private static string Findings(VapScope scope, Subject s) =>
        When(
            $"{CelText.String(AcrAnnotationKeys.LegacyInstanceId)} in {scope.Var("target", s)}",
            TemplateKeyPath(scope, AcrAnnotationKeys.LegacyInstanceId),
            CelText.String($"AG013 {AcrAnnotationKeys.LegacyInstanceId} is the legacy singular key that ECI may ignore: rename it to {AcrAnnotationKeys.InstanceIds}"));
}
