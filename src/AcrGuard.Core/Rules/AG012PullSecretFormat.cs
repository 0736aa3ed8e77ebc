using System.Text.RegularExpressions;
using AcrGuard.Findings;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>AG012: an ImageCache <c>spec.imagePullSecrets</c> item that is not <c>namespace:name</c>.</summary>
internal sealed partial class AG012PullSecretFormat : IRule
{
    public RuleDescriptor Rule => RuleCatalog.AG012;

    // Each item carries its own path (spec.imagePullSecrets[i]); Report takes the message as
    // written, never as a format string (a secret written with braces stays as written).
    public void Compose(RuleComposer rules)
    {
        var rule = rules.Rule;
        rules.RuleFor(s => s.Current.PullSecrets)
            .OnlyWhen(s => s.Current.PullSecrets.Count > 0)
            .Custom((secrets, context) =>
            {
                foreach (var secret in secrets)
                {
                    if (!Pattern().IsMatch(secret.Value))
                    {
                        context.Report(rule, secret.Path,
                            $"imagePullSecrets item {MessageText.Quote(secret.Value)} is not namespace:name: write it as e.g. default:my-secret");
                    }
                }
            });
    }

    /// <summary>
    /// namespace (DNS label) ':' secret name (DNS subdomain), as ImageCache's API reference gives it;
    /// in the syntax .NET and RE2 (kube-apiserver's CEL <c>matches</c>) read alike.
    /// </summary>
    public const string SecretPattern = @"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?:[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

    [GeneratedRegex(SecretPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
