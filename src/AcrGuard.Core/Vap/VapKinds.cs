using AcrGuard.Configuration;
using AcrGuard.Workloads;

namespace AcrGuard.Vap;

/// <summary>The kinds in scope: the built-in ones of the design's "Objects in scope", then the configured <c>workloads</c>.</summary>
public static class VapKinds
{
    /// <summary>The kind table's rows (<see cref="ObjectKind.BuiltIn"/>), with the pod template where the reader finds it.</summary>
    public static readonly IReadOnlyList<VapKind> BuiltIn =
        [.. ObjectKind.BuiltIn.Select(k => new VapKind(k.Group, k.Version, k.Name, k.Resource, k.TemplateFields))];

    public static IReadOnlyList<VapKind> For(AcrGuardConfig config) =>
        [.. BuiltIn, .. config.Workloads.Select(w => new VapKind(w.Group, w.Version, w.Kind, "*", w.TemplateFields) { IsConfigured = true })];
}
