namespace AcrGuard.Webhook.Admission;

/// <summary>
/// The fields of an <c>admission.k8s.io/v1</c> request that AcrGuard reads. <see cref="ObjectJson"/>
/// and <see cref="OldObjectJson"/> are the objects as sent: slices of the request's body, living
/// only as long as it, bound when the request is judged (<see cref="AdmissionReviewer.Judge"/>).
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

    public ReadOnlyMemory<byte>? OldObjectJson { get; init; }
}
