using AcrGuard.Workloads;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// One object of a review (<c>request.object</c> or <c>request.oldObject</c>), read in the pass
/// that reads the envelope: its bytes in the body, and either the object as bound by its own
/// apiVersion and kind or why it cannot be. Whatever the order of the body's fields, every
/// object arrives this way.
/// </summary>
public sealed class AdmittedObject
{
    private AdmittedObject(ReadOnlyMemory<byte> json, KubeObject? bound, string? problem)
    {
        Json = json;
        Bound = bound;
        Problem = problem;
    }

    /// <summary>The object's bytes: a slice of the request's body, living only as long as it.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>The object as the rules judge it; null when it cannot be read (<see cref="Problem"/>).</summary>
    public KubeObject? Bound { get; }

    /// <summary>Why the object cannot be read as its kind, naming the field; null when it was bound.</summary>
    public string? Problem { get; }

    public static AdmittedObject Read(ReadOnlyMemory<byte> json, KubeObject bound) => new(json, bound, null);

    public static AdmittedObject Unreadable(ReadOnlyMemory<byte> json, string problem) => new(json, null, problem);
}
