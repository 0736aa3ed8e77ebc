using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace AcrGuard.Webhook.Hosting;

/// <summary>Reads a review's body into a pooled buffer, refusing it once it passes the size limit.</summary>
public static class RequestBody
{
    /// <summary>
    /// 7 MiB, as controller-runtime derives it: etcd refuses values over 1.5 MiB, and an UPDATE
    /// carries the object twice, in JSON that can be up to about twice as large as its stored
    /// form, plus the envelope: 1.5 x 2 x 2 = 6 MiB, rounded up.
    /// </summary>
    public const int MaxBytes = 7 * 1024 * 1024;

    /// <summary>The body in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns it), or null when too large.</summary>
    public static async ValueTask<(byte[]? Buffer, int Length)> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, 0);
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellation).ConfigureAwait(false);
            var buffer = read.Buffer;
            if (buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return (null, 0);
            }

            if (read.IsCompleted)
            {
                var length = (int)buffer.Length;
                var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                buffer.CopyTo(bytes);
                reader.AdvanceTo(buffer.End);
                return (bytes, length);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
