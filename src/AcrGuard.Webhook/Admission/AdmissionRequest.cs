namespace AcrGuard.Webhook.Admission;

/// <summary>
/// The fields of an <c>admission.k8s.io/v1</c> request that AcrGuard reads, with its objects
/// already bound (<see cref="AdmittedObject"/>): they hold slices of the request's body and live
/// only as long as it.
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

    /// <summary>request.object: null when the request carries none (a DELETE).</summary>
    public AdmittedObject? NewObject { get; init; }

    /// <summary>request.oldObject: what an UPDATE changes.</summary>
    public AdmittedObject? OldObject { get; init; }
}
