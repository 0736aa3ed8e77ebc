namespace AcrGuard.Check;

/// <summary>Why a file or directory met while walking was not judged.</summary>
public enum SkipReason
{
    /// <summary>YAML or JSON that holds no Kubernetes object (no <c>kind</c>), or only comments.</summary>
    NotKubernetes,

    /// <summary>Not valid YAML, with template actions: it needs rendering first.</summary>
    Template,

    /// <summary>A Helm chart or kustomize directory whose tool is not on PATH.</summary>
    NotRendered,

    /// <summary>A kustomize Component, rendered only through the kustomizations that use it.</summary>
    KustomizeComponent,
}

/// <summary>A path met while walking a directory and not judged; <see cref="Detail"/> says why in a few words.</summary>
public sealed record SkippedInput(string Path, SkipReason Reason, string Detail);
