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
            empty: "give a role ARN (acs:ram::<account id>:role/<role name>)",
            masked: "has digits masked with * as in the docs: use the real account id",
            invalid: "is not a RAM role ARN: use acs:ram::<account id>:role/<role name>");
}
