using AcrGuard.Annotations;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>AG009: <c>acr-user-arns</c> and <c>acr-service-arns</c> name the same account, so the cross-account set-up is pointless or a mistake.</summary>
internal sealed class AG009SameAccountRoles : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG009;

    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        rules.RuleFor(s => s.Current.Target.Annotations)
            .OnlyWhen(s => s.Current.Target.Annotations.Contains(AcrAnnotationKeys.UserArns)
                && s.Current.Target.Annotations.Contains(AcrAnnotationKeys.ServiceArns))
            .Custom((annotations, context) => Check(annotations, rule, context));
    }

    // One finding at the first user role whose account a valid service role shares; malformed
    // items are AG005's. The lists hold a role or two: comparing them pairwise allocates nothing.
    private static void Check(AnnotationSet annotations, ActiveRule rule, ValidationContext<ReviewSubject> context)
    {
        var serviceArns = annotations.ValueOf(AcrAnnotationKeys.ServiceArns)!;
        foreach (var user in new AnnotationValueList(annotations.ValueOf(AcrAnnotationKeys.UserArns)!))
        {
            if (!RamRoleArn.IsValid(user))
            {
                continue;
            }

            var account = RamRoleArn.AccountIdOf(user);
            foreach (var service in new AnnotationValueList(serviceArns))
            {
                if (RamRoleArn.IsValid(service) && RamRoleArn.AccountIdOf(service).SequenceEqual(account))
                {
                    context.Report(rule, annotations.PathOf(AcrAnnotationKeys.UserArns),
                        $"{AcrAnnotationKeys.UserArns} and {AcrAnnotationKeys.ServiceArns} are both in account {account}: for a same-account pull drop {AcrAnnotationKeys.UserArns}; for cross-account use the ACR owner's role");
                    return;
                }
            }
        }
    }
}
