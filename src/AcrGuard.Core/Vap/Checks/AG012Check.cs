using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>AG012 as <c>AG012PullSecretFormat</c> finds it: an ImageCache <c>spec.imagePullSecrets</c> item that is not <c>namespace:name</c>.</summary>
internal sealed class AG012Check : VapRule
{
    /// <summary>
    /// The items judged: a finding's path is its index, and CEL's standard library gives no index
    /// in a comprehension, so the indexes are a list literal. ECI's ImageCache examples name one
    /// secret; past the 64th, items are left to the webhook (docs/vap.md).
    /// </summary>
    public const int MaxItems = 64;

    private static readonly string Indexes = $"[{string.Join(", ", Enumerable.Range(0, MaxItems))}]";

    public override RuleDescriptor Rule => RuleCatalog.AG012;

    public override IReadOnlyList<VapCheck> Checks { get; } = [new("ag012", Findings)];

    private static string Findings(VapScope scope, Subject s)
    {
        var secrets = scope.Var("pullSecrets", s);
        return $"{Indexes}.filter(i, i < size({secrets}) && !{secrets}[i].matches({CelText.String(AG012PullSecretFormat.SecretPattern)}))"
            + $"\n.map(i, ['spec.imagePullSecrets[' + string(i) + ']', 'AG012 imagePullSecrets item ' + {CelText.Quote($"{secrets}[i]")}"
            + " + ' is not namespace:name: write it as e.g. default:my-secret'])";
    }
}
