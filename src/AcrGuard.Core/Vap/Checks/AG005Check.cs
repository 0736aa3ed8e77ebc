using AcrGuard.Annotations;
using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>AG005 as <c>AG005ArnFormat</c> finds it: an item of a role-ARN key that is not a RAM role ARN.</summary>
internal sealed class AG005Check : VapRule
{
    public override RuleDescriptor Rule => RuleCatalog.AG005;

    public override IReadOnlyList<VapCheck> Checks { get; } = [new("ag005", Findings)];

    private static string Findings(VapScope scope, Subject s) =>
        MalformedItemsCheck.Findings(scope, s, "AG005", [AcrAnnotationKeys.ServiceArns, AcrAnnotationKeys.UserArns], RamRoleArn.Pattern,
            empty: AG005ArnFormat.Wording.Empty, masked: AG005ArnFormat.Wording.Masked, invalid: AG005ArnFormat.Wording.Invalid);
}
