using AcrGuard.Check.Renderers;

namespace AcrGuard.Check;

/// <summary>What a directory holds for <c>check</c>: plain manifest files, charts and kustomizations to render, and what is left out and why.</summary>
public sealed class RepositoryPlan
{
    /// <summary>Files to read, as (path to show, path on disk), in ordinal order of the shown path.</summary>
    public List<(string Display, string FullPath)> Files { get; } = [];

    /// <summary>Helm chart directories (shown paths): each rendered whole, its files never read raw.</summary>
    public List<string> Charts { get; } = [];

    /// <summary>Kustomizations to render: the ones no other kustomization of the walk uses as a base or component.</summary>
    public List<Kustomization> Kustomizations { get; } = [];

    public List<SkippedInput> Skipped { get; } = [];

    /// <summary>Directories that cannot be listed and kustomization files that cannot be read.</summary>
    public List<string> Errors { get; } = [];
}
