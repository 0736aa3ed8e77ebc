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
    /// What one connection can cost the process at worst, measured: the slope of peak RSS over
    /// HTTP/2 connections whose 8 streams each announce a large body and fill their windows while
    /// they wait for the budget (test/load/connection-memory.sh, docs/reliability.md "Memory per
    /// connection"): 1,227 KiB over 0 to 100 connections, 871 KiB over 0 to 200; the larger is
    /// taken, the first connections of a fresh process costing the most. An idle connection costs
    /// about 120 KiB; the rest is what a client can make Kestrel buffer before the webhook reads it
    /// (a full <see cref="ConnectionWindowBytes"/>, in pooled blocks, beside TLS records and stream
    /// state). 200 such connections peaked at 287 MiB, past deploy/'s 256 MiB limit; 400 ended in
    /// OutOfMemoryException.
    /// </summary>
    public const long BytesPerConnection = 1227 * 1024;

    /// <summary>
    /// The connections' part of the memory the process may use: a quarter (48 MiB under deploy/'s
    /// 192 MiB heap), beside the request budget's sixteenth and the three times that the bodies
    /// admitted cost while they are judged.
    /// </summary>
    public const int MemoryDivisor = 4;

    /// <summary>Never fewer: room for kube-apiserver's few connections beside a client's share.</summary>
    public const int MinimumConnections = 32;

    // Far above anything kube-apiserver opens; on a node with no memory limit the sizing would
    // otherwise allow tens of thousands.
    private const int MaximumDefaultConnections = 4096;

    /// <summary>
    /// Connections per listening port (Kestrel counts each endpoint apart, so a full webhook port
    /// leaves the probes on the metrics port answering): as many as fit in a quarter of the
    /// memory the process may use at <see cref="BytesPerConnection"/> each: 40 under deploy/.
    /// kube-apiserver keeps a few long-lived HTTP/2 connections per replica and opens another only
    /// when one has all its streams busy; a flood of connections, however they are used, stays
    /// inside its quarter.
    /// </summary>
    public static int DefaultMaxConnections(long availableMemoryBytes) =>
        (int)Math.Clamp(availableMemoryBytes / MemoryDivisor / BytesPerConnection, MinimumConnections, MaximumDefaultConnections);

    /// <summary>The default for this process, from <see cref="GC.GetGCMemoryInfo()"/>.</summary>
    public static int DefaultMaxConnections() => DefaultMaxConnections(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>
    /// Streams per HTTP/2 connection (Kestrel's default: 100). A stream that waits for room in the
    /// budget is not read, yet its client may fill its stream window, out of the connection's
    /// window: with more streams than the connection window holds stream windows, waiting streams
    /// would use up the connection window and starve the one stream admitted on it. So the
    /// connection window holds all of them: <see cref="ConnectionWindowBytes"/> is this many
    /// <see cref="StreamWindowBytes"/>. Eight reviews at once per connection is more than a
    /// review's few milliseconds need; kube-apiserver opens another connection past it.
    /// </summary>
    public const int MaxStreamsPerConnection = 8;

    /// <summary>
    /// What one HTTP/2 stream may have sent ahead of the webhook reading it: HTTP/2's smallest
    /// (Kestrel's default: 768 KiB). A small review arrives in one window; a large one moves as
    /// the webhook reads it.
    /// </summary>
    public const int StreamWindowBytes = 64 * 1024;

    /// <summary>What one HTTP/2 connection may have sent ahead of the webhook (Kestrel's default: 1 MiB).</summary>
    public const int ConnectionWindowBytes = MaxStreamsPerConnection * StreamWindowBytes;

    /// <summary>
    /// What Kestrel reads from a connection ahead of parsing it (Kestrel's default: 1 MiB): an
    /// HTTP/1.1 body not yet admitted waits in it. Four times the largest headers.
    /// </summary>
    public const int RequestBufferBytes = 64 * 1024;

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
    /// Kestrel's limits, <paramref name="maxConnections"/> per port, for a webhook whose clients get <paramref name="clientTimeout"/> to send
    /// their headers, their TLS handshake, and, past that grace, at least 240 bytes/s of body
    /// (Kestrel's floor; the request budget adds a deadline for the whole body).
    /// </summary>
    public static void Apply(KestrelServerLimits limits, TimeSpan clientTimeout, int maxConnections)
    {
        limits.MaxRequestBodySize = RequestBody.MaxBytes;
        limits.MaxConcurrentConnections = maxConnections;
        limits.MaxRequestBufferSize = RequestBufferBytes;
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
