namespace AcrGuard.Audit.Cluster;

/// <summary>
/// The cluster could not be reached or answered with an error. <see cref="Status"/> is the HTTP
/// status, null when there was no answer; the message names the server.
/// </summary>
public sealed class ClusterException : Exception
{
    public ClusterException(string message, int? status = null, string? reason = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Reason = reason;
    }

    public ClusterException()
    {
    }

    public ClusterException(string message)
        : base(message)
    {
    }

    public ClusterException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public int? Status { get; }

    /// <summary>The Status object's <c>reason</c> (<c>Expired</c>, <c>NotFound</c>, <c>Forbidden</c>), when the server sent one.</summary>
    public string? Reason { get; }
}
