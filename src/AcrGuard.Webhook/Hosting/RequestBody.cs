using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// Reads a review's body into one buffer, once: room in the <see cref="RequestBudget"/> first,
/// then the bytes, consumed from the request pipe as they arrive so that the pipe never holds
/// more than the flow-control window beside the buffer.
/// </summary>
public static class RequestBody
{
    /// <summary>
    /// 7 MiB, as controller-runtime derives it: etcd refuses values over 1.5 MiB, and an UPDATE
    /// carries the object twice, in JSON that can be up to about twice as large as its stored
    /// form, plus the envelope: 1.5 x 2 x 2 = 6 MiB, rounded up.
    /// </summary>
    public const int MaxBytes = 7 * 1024 * 1024;

    // Up to here buffers come from the shared pool: the common review, reused at no cost. Larger
    // ones are allocated for the one request and left to the GC, so that a burst of large bodies
    // leaves no pool of 7 MiB arrays behind it.
    internal const int PooledBytes = 1024 * 1024;

    /// <summary>
    /// The body, or why it was not read: over <see cref="MaxBytes"/>, no room in the budget within
    /// <paramref name="wait"/> (for a client past its share of it, or for anyone), or not all there within <paramref name="deadline"/> of being
    /// admitted (a slow body must not hold budget for long). The caller disposes the result, which
    /// gives back the buffer and the room.
    /// </summary>
    /// <exception cref="BadHttpRequestException">The body is longer than its Content-Length, or Kestrel's own limits cut it.</exception>
    public static async ValueTask<ReviewBody> ReadAsync(HttpRequest request, RequestBudget budget, TimeSpan wait, TimeSpan deadline, CancellationToken cancellation)
    {
        var declared = request.ContentLength;
        if (declared > MaxBytes)
        {
            return ReviewBody.Refused(BodyStatus.TooLarge);
        }

        var client = ClientAddress.Normal(request.HttpContext.Connection.RemoteIpAddress);
        var admission = await budget.AdmitAsync(declared ?? RequestBudget.SmallBodyBytes, client, wait, cancellation).ConfigureAwait(false);
        if (admission.Lease is not { } lease)
        {
            return ReviewBody.Refused(Refusal(admission));
        }

        var body = new ReviewBody(lease, Allocate(declared is { } length ? (int)length : RequestBudget.SmallBodyBytes));
        using var late = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        late.CancelAfter(deadline);
        try
        {
            return await FillAsync(request, body, declared, (budget, client, wait), late.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (late.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            body.Dispose();
            return ReviewBody.Refused(BodyStatus.TooSlow);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static async ValueTask<ReviewBody> FillAsync(HttpRequest request, ReviewBody body, long? declared, (RequestBudget Budget, IPAddress? Client, TimeSpan Wait) room, CancellationToken cancellation)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellation).ConfigureAwait(false);
            var data = read.Buffer;
            if (body.Length + data.Length > (declared ?? body.Buffer.Length))
            {
                if (declared is not null)
                {
                    reader.AdvanceTo(data.Start, data.End);
                    throw new BadHttpRequestException("the body is longer than its Content-Length");
                }

                if (body.Length + data.Length > MaxBytes)
                {
                    reader.AdvanceTo(data.Start, data.End);
                    body.Dispose();
                    return ReviewBody.Refused(BodyStatus.TooLarge);
                }

                // No length given and past a small review's size: take room for the largest body.
                var grown = await body.GrowAsync(room.Budget, room.Client, room.Wait, cancellation).ConfigureAwait(false);
                if (grown.Lease is null)
                {
                    reader.AdvanceTo(data.Start, data.End);
                    body.Dispose();
                    return ReviewBody.Refused(Refusal(grown));
                }
            }

            data.CopyTo(body.Buffer.AsSpan(body.Length));
            body.Length += (int)data.Length;
            reader.AdvanceTo(data.End);
            if (read.IsCompleted)
            {
                return body;
            }
        }
    }

    private static BodyStatus Refusal(RequestBudget.Admission admission) =>
        admission.ClientOverShare ? BodyStatus.ClientLimit : BodyStatus.Overloaded;

    internal static byte[] Allocate(int length) =>
        length <= PooledBytes ? ArrayPool<byte>.Shared.Rent(Math.Max(length, 1)) : GC.AllocateUninitializedArray<byte>(length);

    internal static void Free(byte[] buffer)
    {
        if (buffer.Length <= PooledBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
