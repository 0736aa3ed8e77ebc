using AcrGuard.Annotations;
using AcrGuard.Rules;

namespace AcrGuard.Vap.Checks;

/// <summary>
/// AG001 as <c>AG001WorkloadMetadataPlacement</c> finds it: a pull key on a workload's own
/// metadata or on the metadata of what it creates on the way to its pods; a copy of the pod
/// template's value is a separate check that only ever warns.
/// </summary>
internal sealed class AG001Check : VapRule
{
    private static readonly string Keys = CelText.List(AcrAnnotationKeys.All);

    public override RuleDescriptor Rule => RuleCatalog.AG001;

    public override IReadOnlyList<VapCheck> Checks { get; } =
    [
        new("ag001", (scope, s) => Findings(scope, s, copies: false)),
        new("ag001Copy", (scope, s) => Findings(scope, s, copies: true), AtMostWarning: true),
    ];

    private static string Findings(VapScope scope, Subject s, bool copies)
    {
        var target = scope.Var("target", s);
        var kind = $"{s.Root}.kind";
        var moveTo = $"{scope.Var("templatePath")} + '.annotations'";
        var own = scope.Var("own", s);
        var parts = new List<string>
        {
            copies
                ? $"{Where(own, target, copies)}.map(k, [\"metadata.annotations['\" + k + \"']\", 'AG001 ' + k + ' on the ' + {kind} + \"'s metadata copies the pod template's and has no effect there: remove it from metadata.annotations\"])"
                : $"{Where(own, target, copies)}.map(k, [\"metadata.annotations['\" + k + \"']\", 'AG001 ' + k + ' is on the ' + {kind} + \"'s metadata, where ECI never reads it: move it to \" + {moveTo}])",
        };
        for (var i = 0; i < scope.Definitions.NestedPaths.Count; i++)
        {
            var nested = scope.Var($"nested{i}", s);
            var at = scope.Definitions.NestedPaths[i];
            var path = $"{CelText.String(at + ".annotations['")} + k + \"']\"";
            parts.Add(copies
                ? $"{Where(nested, target, copies)}.map(k, [{path}, 'AG001 ' + k + {CelText.String($" on {at} copies the pod template's and has no effect there: remove it from {at}.annotations")}])"
                : $"{Where(nested, target, copies)}.map(k, [{path}, 'AG001 ' + k + {CelText.String($" is on {at}: the ")} + {Created(scope, i)} + ' the ' + {kind} + ' creates carry it, their pods never do: move it to ' + {moveTo}])");
        }

        return string.Join("\n+ ", parts);
    }

    // The pull keys on `metadata` that the pod template carries with the same value, or does not.
    private static string Where(string metadata, string target, bool copies) =>
        copies
            ? $"{Keys}.filter(k, k in {metadata} && k in {target} && {target}[k] == {metadata}[k])"
            : $"{Keys}.filter(k, k in {metadata} && !(k in {target} && {target}[k] == {metadata}[k]))";

    // What the workload creates from the nested template: a CronJob's Jobs, anything else's objects.
    private static string Created(VapScope scope, int nested)
    {
        var kinds = scope.Definitions.NestedKinds(nested).ToList();
        var cronJobs = kinds.Count(k => k.Type == "batch/v1/CronJob");
        return cronJobs == kinds.Count ? "'Jobs'" : cronJobs == 0 ? "'objects'" : $"({scope.Var("type")} == 'batch/v1/CronJob' ? 'Jobs' : 'objects')";
    }
}
