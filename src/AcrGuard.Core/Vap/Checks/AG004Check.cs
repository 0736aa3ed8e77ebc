using AcrGuard.Annotations;
using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>AG004 as <c>AG004ReadOnceChange</c> finds it: an UPDATE of a Pod or an ImageCache that adds, changes or removes a pull key.</summary>
internal sealed class AG004Check : VapRule
{
    public override RuleDescriptor Rule => RuleCatalog.AG004;

    public override IReadOnlyList<VapCheck> Checks { get; } = [new("ag004", Findings)];

    public override bool Ratchets => false;

    private static string Findings(VapScope scope, Subject s)
    {
        var now = scope.Var("target", s);
        var before = scope.Var("target", Subject.Old);
        var readOnce = VapVariables.In(scope.Definitions.Kinds.Where(k => k.IsReadOnce), scope);
        var change = $"(!(k in {before}) ? 'added to' : !(k in {now}) ? 'removed from' : 'changed on')";
        return $"{readOnce} && request.operation == 'UPDATE' && oldObject != null"
            + $"\n? {CelText.List(AcrAnnotationKeys.All)}.filter(k, (k in {now}) != (k in {before}) || (k in {now} && {now}[k] != {before}[k]))"
            + $"\n  .map(k, [\"metadata.annotations['\" + k + \"']\", 'AG004 ' + k + ' was ' + {change} + ' an existing ' + object.kind"
            + " + '; ECI reads it only at creation, so this does nothing: recreate the ' + object.kind + ' instead'])"
            + "\n: []";
    }
}
