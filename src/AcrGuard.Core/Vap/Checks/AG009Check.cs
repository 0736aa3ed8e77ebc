using AcrGuard.Annotations;
using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>AG009 as <c>AG009SameAccountRoles</c> finds it: a valid user role in the account of a valid service role.</summary>
internal sealed class AG009Check : VapRule
{
    public override RuleDescriptor Rule => RuleCatalog.AG009;

    public override IReadOnlyList<VapCheck> Checks { get; } = [new("ag009", Findings)];

    private static string Findings(VapScope scope, Subject s)
    {
        var target = scope.Var("target", s);
        var user = CelText.String(AcrAnnotationKeys.UserArns);
        var service = CelText.String(AcrAnnotationKeys.ServiceArns);

        // The user roles' accounts (acs:ram::<account>:role/<name>: the fourth field) that a service role shares, in order.
        var shared = scope.Define(s.Name("sharedAccounts"), () =>
            $"{user} in {target} && {service} in {target}"
            + $"\n? {Accounts(target, user)}.filter(a, a in {Accounts(target, service)})"
            + "\n: []");
        return When(
            $"size({shared}) > 0",
            TemplateKeyPath(scope, AcrAnnotationKeys.UserArns),
            $"{CelText.String($"AG009 {AcrAnnotationKeys.UserArns} and {AcrAnnotationKeys.ServiceArns} are both in account ")} + {shared}[0]"
            + $" + {CelText.String($": for a same-account pull drop {AcrAnnotationKeys.UserArns}; for cross-account use the ACR owner's role")}");
    }

    private static string Accounts(string target, string key) =>
        $"{target}[{key}].split(',').map(i, i.trim()).filter(i, i.matches({CelText.String(RamRoleArn.Pattern)})).map(i, i.split(':')[3])";
}
