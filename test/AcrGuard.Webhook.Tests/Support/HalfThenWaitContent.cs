using System.Net;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>
/// A request body that sends its first half, then waits for a signal before the rest: a review
/// in flight for as long as a test needs (a client about to give up, a certificate rotated mid-request).
/// </summary>
internal sealed class HalfThenWaitContent : HttpContent
{
    private readonly byte[] body;
    private readonly Task gate;

    public HalfThenWaitContent(byte[] body, Task gate)
    {
        this.body = body;
        this.gate = gate;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await stream.FlushAsync();
        await gate;
        await stream.WriteAsync(body.AsMemory(body.Length / 2));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
