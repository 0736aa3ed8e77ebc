namespace AcrGuard.LoadDriver;

/// <summary>What a run is started with (see Program.cs for each option's meaning).</summary>
internal sealed record DriverOptions
{
    public required Uri Url { get; init; }

    public int Concurrency { get; init; } = 32;

    /// <summary>Requests to send in all; 0: until <see cref="Duration"/> is up.</summary>
    public long Count { get; init; }

    public TimeSpan Duration { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a connection is used before a new one (and a new handshake) replaces it.</summary>
    public TimeSpan Recycle { get; init; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>Every connection opens a new TLS connection: the client kube-apiserver is after its idle ones close.</summary>
    public bool NewConnectionPerReview { get; init; }

    /// <summary>The local address connections come from (another loopback address: another client to the server's per-address share).</summary>
    public System.Net.IPAddress? Source { get; init; }

    /// <summary>The client certificate (PEM) presented to a server that asks for one, and its key.</summary>
    public string? ClientCert { get; init; }

    public string? ClientKey { get; init; }

    public required string Examples { get; init; }

    public int? ServerPid { get; init; }

    public string? RssCsv { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The RSS at the end may differ from the RSS after warm-up by this many percent; 0: not checked.</summary>
    public double RssTolerance { get; init; }

    public bool ExpectThumbprintChange { get; init; }

    public bool StopOnRefused { get; init; }

    /// <summary>The server's /readyz: once it fails, no new request is sent (see <see cref="ReadinessWatch"/>).</summary>
    public Uri? FollowReadiness { get; init; }
}
