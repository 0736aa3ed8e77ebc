using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// Kestrel's limits, each set on purpose. The request budget bounds the bodies the webhook holds;
/// these bound what Kestrel holds before the webhook sees a request (connections, headers, the
/// bytes a connection may buffer) and how long a client may keep any of it.
/// </summary>
/// <remarks>Shared with test/AcrGuard.Floor, so that the baseline runs the same server.</remarks>
public static class ServerLimits
{
    /// <summary>
    /// Per listening port (Kestrel counts each endpoint apart, so a full webhook port leaves the
    /// probes on the metrics port answering). kube-apiserver keeps a few long-lived HTTP/2
    /// connections per replica; 256 is ample for it, and at <see cref="ConnectionWindowBytes"/>
    /// each, caps what all connections can buffer at 32 MiB.
    /// </summary>
    public const int MaxConnections = 256;

    /// <summary>
    /// Kestrel's default, kept: streams, not connections, are what kube-apiserver multiplexes
    /// reviews on, and a stream costs little until its body is admitted to the budget: the
    /// connection window bounds what all of a connection's streams buffer together.
    /// </summary>
    public const int MaxStreamsPerConnection = 100;

    /// <summary>
    /// What one connection may have sent ahead of the webhook reading it (HTTP/2 connection
    /// window; HTTP/1.1 request buffer). Kestrel's defaults (1 MiB each) would let 256 connections
    /// park 256 MiB outside the budget; 128 KiB still moves a 6 MiB body in well under a second.
    /// </summary>
    public const int ConnectionWindowBytes = 128 * 1024;

    /// <summary>What one HTTP/2 stream may have sent ahead: a small review arrives in one window.</summary>
    public const int StreamWindowBytes = 64 * 1024;

    /// <summary>
    /// kube-apiserver sends a handful of headers and <c>/validate?timeout=5s</c>: a few hundred
    /// bytes. Kestrel's defaults (32 KiB of headers, 100 of them, 8 KiB lines, 16 KiB per HTTP/2
    /// field) are memory held per connection for nothing; over these a client gets 431.
    /// </summary>
    public const int MaxHeadersTotalBytes = 16 * 1024;

    public const int MaxHeaderCount = 64;

    public const int MaxRequestLineBytes = 4 * 1024;

    public const int MaxHeaderFieldBytes = 8 * 1024;

    /// <summary>
    /// An idle connection is closed after this: under kube-apiserver's own idle timeout for its
    /// webhook clients (90 s), so it reconnects as it would anyway, and a client that opens
    /// connections to sit on them gives its slots back within a minute (Kestrel's default is 130 s).
    /// </summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Kestrel's limits for a webhook whose clients get <paramref name="clientTimeout"/> to send
    /// their headers, their TLS handshake, and, past that grace, at least 240 bytes/s of body
    /// (Kestrel's floor; the request budget adds a deadline for the whole body).
    /// </summary>
    public static void Apply(KestrelServerLimits limits, TimeSpan clientTimeout)
    {
        limits.MaxRequestBodySize = RequestBody.MaxBytes;
        limits.MaxConcurrentConnections = MaxConnections;
        limits.MaxRequestBufferSize = ConnectionWindowBytes;
        limits.MaxRequestHeadersTotalSize = MaxHeadersTotalBytes;
        limits.MaxRequestHeaderCount = MaxHeaderCount;
        limits.MaxRequestLineSize = MaxRequestLineBytes;
        limits.KeepAliveTimeout = KeepAlive;

        // kube-apiserver sends headers and body at once; a client that trickles them is cut off.
        limits.RequestHeadersTimeout = clientTimeout;
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: clientTimeout);

        limits.Http2.MaxStreamsPerConnection = MaxStreamsPerConnection;
        limits.Http2.InitialConnectionWindowSize = ConnectionWindowBytes;
        limits.Http2.InitialStreamWindowSize = StreamWindowBytes;
        limits.Http2.MaxRequestHeaderFieldSize = MaxHeaderFieldBytes;
    }
}
