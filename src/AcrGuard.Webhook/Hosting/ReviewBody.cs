namespace AcrGuard.Webhook.Hosting;

/// <summary>What reading a body came to.</summary>
public enum BodyStatus
{
    Read,

    /// <summary>Over <see cref="RequestBody.MaxBytes"/>: HTTP 413.</summary>
    TooLarge,

    /// <summary>No room in the <see cref="RequestBudget"/> in time: HTTP 429.</summary>
    Overloaded,

    /// <summary>Admitted, but not all there in time: HTTP 408.</summary>
    TooSlow,
}

/// <summary>A body read by <see cref="RequestBody"/>: its bytes and the budget room they hold until disposed.</summary>
public sealed class ReviewBody : IDisposable
{
    private RequestBudget.Lease? lease;
    private RequestBudget.Lease? extra;

    internal ReviewBody(RequestBudget.Lease lease, byte[] buffer)
    {
        this.lease = lease;
        Buffer = buffer;
    }

    private ReviewBody(BodyStatus status)
    {
        Status = status;
        Buffer = [];
    }

    public BodyStatus Status { get; }

    public ReadOnlyMemory<byte> Bytes => Buffer.AsMemory(0, Length);

    internal byte[] Buffer { get; private set; }

    internal int Length { get; set; }

    internal static ReviewBody Refused(BodyStatus status) => new(status);

    // A body of unknown length that outgrew a small review's room: room and buffer for the largest.
    internal async ValueTask<bool> GrowAsync(RequestBudget budget, TimeSpan wait, CancellationToken cancellation)
    {
        extra = await budget.AcquireAsync(RequestBody.MaxBytes - RequestBudget.SmallBodyBytes, wait, cancellation).ConfigureAwait(false);
        if (extra is null)
        {
            return false;
        }

        var larger = RequestBody.Allocate(RequestBody.MaxBytes);
        Buffer.AsSpan(0, Length).CopyTo(larger);
        RequestBody.Free(Buffer);
        Buffer = larger;
        return true;
    }

    public void Dispose()
    {
        if (Buffer.Length > 0)
        {
            RequestBody.Free(Buffer);
            Buffer = [];
        }

        lease?.Dispose();
        extra?.Dispose();
        lease = extra = null;
    }
}
