using AcrGuard.Annotations;
using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>AG006 as <c>AG006InstanceIdFormat</c> finds it: an item of an instance-id key that is not an instance id.</summary>
internal sealed class AG006Check : VapRule
{
    public override RuleDescriptor Rule => RuleCatalog.AG006;

    public override IReadOnlyList<VapCheck> Checks { get; } = [new("ag006", Findings)];

    private static string Findings(VapScope scope, Subject s) =>
        MalformedItemsCheck.Findings(scope, s, "AG006", [AcrAnnotationKeys.InstanceIds, AcrAnnotationKeys.LegacyInstanceId], AcrInstanceId.Pattern,
            empty: AG006InstanceIdFormat.Wording.Empty, masked: AG006InstanceIdFormat.Wording.Masked, invalid: AG006InstanceIdFormat.Wording.Invalid);
}
