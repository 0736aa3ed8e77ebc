using System.Net;

namespace AcrGuard.Webhook.Hosting;

/// <summary>What reading a body came to.</summary>
public enum BodyStatus
{
    Read,

    /// <summary>Over <see cref="RequestBody.MaxBytes"/>: HTTP 413.</summary>
    TooLarge,

    /// <summary>No room in the <see cref="RequestBudget"/> in time: HTTP 429.</summary>
    Overloaded,

    /// <summary>No room in time while the client held more than its share of the budget: HTTP 429, counted as client_limit.</summary>
    ClientLimit,

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
    internal async ValueTask<RequestBudget.Admission> GrowAsync(RequestBudget budget, IPAddress? client, TimeSpan wait, CancellationToken cancellation)
    {
        var admission = await budget.AdmitAsync(RequestBody.MaxBytes - RequestBudget.SmallBodyBytes, client, wait, cancellation).ConfigureAwait(false);
        extra = admission.Lease;
        if (extra is null)
        {
            return admission;
        }

        var larger = RequestBody.Allocate(RequestBody.MaxBytes);
        Buffer.AsSpan(0, Length).CopyTo(larger);
        RequestBody.Free(Buffer);
        Buffer = larger;
        return admission;
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
