using AcrGuard.Workloads;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// The fields of an <c>admission.k8s.io/v1</c> request that AcrGuard reads. <see cref="ObjectJson"/>
/// and <see cref="OldObjectJson"/> stay raw JSON until the kind is known: they are slices of the
/// request's body and live only as long as it.
/// </summary>
public sealed record AdmissionRequest
{
    public required string Uid { get; init; }

    /// <summary>The kind being admitted (request.kind.kind), e.g. Deployment.</summary>
    public required string Kind { get; init; }

    public required AdmissionOperation Operation { get; init; }

    public string Namespace { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string User { get; init; } = string.Empty;

    /// <summary>request.userInfo.groups: what the namespace guard checks against modeLabel.allowedGroups.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    public bool DryRun { get; init; }

    public ReadOnlyMemory<byte>? ObjectJson { get; init; }

    /// <summary>The object, already bound while the body was read, when its kind was known and in scope.</summary>
    public KubeObject? Bound { get; init; }

    public KubeObject? OldBound { get; init; }

    public ReadOnlyMemory<byte>? OldObjectJson { get; init; }
}
