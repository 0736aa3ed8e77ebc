namespace AcrGuard.Webhook.Hosting;

/// <summary>What <c>acrguard serve</c> is started with.</summary>
public sealed record ServeOptions
{
    /// <summary>The webhook's HTTPS port; 0 binds any free port, which the host's "Now listening on" line names.</summary>
    public int Port { get; init; } = 8443;

    /// <summary>The plain HTTP port of /metrics and the probes; 0 as for <see cref="Port"/>.</summary>
    public int MetricsPort { get; init; } = 9090;

    public string? ConfigPath { get; init; }

    public string? TlsCertPath { get; init; }

    public string? TlsKeyPath { get; init; }

    /// <summary>
    /// The PEM file of the CAs whose client certificates the webhook port requires
    /// (<c>--client-ca</c>); null: the configuration's <c>tls.clientCA</c>, else none required.
    /// </summary>
    public string? ClientCaPath { get; init; }

    /// <summary>The subject CNs or DNS SANs a client certificate must carry one of (<c>--client-name</c>); empty: any.</summary>
    public IReadOnlyList<string> ClientNames { get; init; } = [];

    /// <summary>How often the config and certificate files are polled besides the file watcher.</summary>
    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a client may take to send its headers, and the grace before a body slower than
    /// 240 bytes/s is cut off: kube-apiserver sends at once, a trickling client only holds a slot.
    /// Kestrel wants more than a second.
    /// </summary>
    public TimeSpan ClientTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after SIGTERM the webhook keeps serving, readiness already failing, before it stops
    /// listening: the time kube-apiserver takes to stop routing reviews to a terminating pod.
    /// </summary>
    public TimeSpan ShutdownDelay { get; init; } = TimeSpan.Zero;

    /// <summary>How long the delay and the in-flight reviews get, together, after SIGTERM.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// The bytes of request bodies held at once (<c>--max-inflight-bytes</c>); null: sized from
    /// the memory the process may use, see <see cref="RequestBudget.DefaultCapacity()"/>.
    /// </summary>
    public long? MaxInflightBytes { get; init; }

    /// <summary>
    /// How long a body waits for room in the budget before HTTP 429: well inside the webhooks'
    /// 5 s timeout, and kube-apiserver retries a 429 with backoff.
    /// </summary>
    public TimeSpan BudgetWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Connections the webhook port takes at once (<c>--max-connections</c>); null: sized from the
    /// memory the process may use, see <see cref="ServerLimits.DefaultMaxConnections()"/>.
    /// </summary>
    public int? MaxConnections { get; init; }

    /// <summary>
    /// The percentage of the connections, and of the request-body budget while other clients wait
    /// for it, that one remote address may hold (<c>--client-share</c>). A half: kube-apiserver
    /// needs a few connections of the hundreds, and a single other pod cannot take more than what
    /// is left for it.
    /// </summary>
    public int ClientSharePercent { get; init; } = 50;
}
