using System.Text.RegularExpressions;
using AcrGuard.Findings;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>AG012: an ImageCache <c>spec.imagePullSecrets</c> item that is not <c>namespace:name</c>.</summary>
internal sealed partial class AG012PullSecretFormat : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG012;

    // The path is the field's own (spec.imagePullSecrets[i]), so FluentValidation's collection
    // rule names it; the message goes in as a placeholder value, which is never formatted again
    // (a secret written with braces stays as written).
    public void Compose(RuleComposer rules) =>
        rules.RuleForEach(s => s.Current.PullSecrets)
            .OnlyWhen(s => s.Current.PullSecrets.Count > 0)
            .Must((_, secret, context) =>
            {
                if (Pattern().IsMatch(secret.Value))
                {
                    return true;
                }

                context.MessageFormatter.AppendArgument("Finding", MessageText.Clamp(
                    $"{Rule.Id} imagePullSecrets item {MessageText.Quote(secret.Value)} is not namespace:name: write it as e.g. default:my-secret"));
                return false;
            })
            .OverridePropertyName("spec.imagePullSecrets")
            .WithMessage("{Finding}")
            .WithErrorCode(Rule.Id)
            .WithSeverity(rules.Rule.Severity);

    /// <summary>
    /// namespace (DNS label) ':' secret name (DNS subdomain), as ImageCache's API reference gives it;
    /// in the syntax .NET and RE2 (kube-apiserver's CEL <c>matches</c>) read alike.
    /// </summary>
    public const string SecretPattern = @"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?:[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

    [GeneratedRegex(SecretPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
