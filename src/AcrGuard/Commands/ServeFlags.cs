using System.CommandLine;
using AcrGuard.Webhook.Hosting;

namespace AcrGuard.Commands;

/// <summary><c>acrguard serve</c>'s flags, each with its check, and the <see cref="ServeOptions"/> they come to.</summary>
internal sealed class ServeFlags
{
    private const int MaxShutdownDelaySeconds = 20;

    public Option<string?> Config { get; } = new("--config") { Description = "Configuration file (YAML); reloaded when it changes" };

    public Option<int> Port { get; } = PortFlag("--port", "HTTPS port of the webhook (0: any free port, named in the log)", 8443);

    public Option<int> MetricsPort { get; } = PortFlag("--metrics-port", "Plain HTTP port of /metrics, /healthz and /readyz (0: any free port, named in the log)", 9090);

    public Option<string?> TlsCert { get; } = new("--tls-cert") { Description = "Serving certificate (PEM), e.g. tls.crt of a TLS Secret; reloaded when it changes" };

    public Option<string?> TlsKey { get; } = new("--tls-key") { Description = "Its private key (PEM), e.g. tls.key" };

    public Option<string?> ClientCa { get; } = new("--client-ca")
    {
        Description = "CA certificates (PEM) whose client certificates the webhook port requires, e.g. the CA of kube-apiserver's webhook client certificate; reloaded when it changes. Default: tls.clientCA of the configuration, else none required",
    };

    public Option<string[]> ClientName { get; } = new("--client-name")
    {
        Description = "A subject CN or DNS name the client certificate must carry (repeatable; any of them). Default: any certificate of the client CA",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<int> ShutdownDelay { get; } = ShutdownDelayFlag();

    public Option<string?> MaxInflight { get; } = MaxInflightFlag();

    public Option<int?> MaxConnections { get; } = MaxConnectionsFlag();

    public Option<int> ClientShare { get; } = ClientShareFlag();

    public IEnumerable<Option> All => [Config, Port, MetricsPort, TlsCert, TlsKey, ClientCa, ClientName, ShutdownDelay, MaxInflight, MaxConnections, ClientShare];

    /// <summary>
    /// Here, not in a command validator: there an option left at its default reads as 0, so a bare
    /// <c>acrguard serve</c> was refused for ports 0 and 0.
    /// </summary>
    public string? Conflict(ParseResult result) =>
        result.GetValue(Port) == result.GetValue(MetricsPort) && result.GetValue(Port) != 0 ? "--port and --metrics-port must differ" : null;

    public ServeOptions ToOptions(ParseResult result) => new()
    {
        ConfigPath = result.GetValue(Config),
        Port = result.GetValue(Port),
        MetricsPort = result.GetValue(MetricsPort),
        TlsCertPath = result.GetValue(TlsCert),
        TlsKeyPath = result.GetValue(TlsKey),
        ClientCaPath = result.GetValue(ClientCa),
        ClientNames = result.GetValue(ClientName) ?? [],
        ShutdownDelay = TimeSpan.FromSeconds(result.GetValue(ShutdownDelay)),
        MaxInflightBytes = result.GetValue(MaxInflight) is { } inflight && ByteSize.TryParse(inflight, out var inflightBytes) ? inflightBytes : null,
        MaxConnections = result.GetValue(MaxConnections),
        ClientSharePercent = result.GetValue(ClientShare),
    };

    private static Option<int> PortFlag(string name, string description, int port)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => port };
        option.Validators.Add(result =>
        {
            // 0 asks the OS for a free port, which the "Now listening on" log line names: how
            // tests and scripts run serve without racing anyone for a port.
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError($"{result.Option.Name} must be a port number from 1 to 65535, or 0 for any free port");
            }
        });
        return option;
    }

    private static Option<int> ShutdownDelayFlag()
    {
        var option = new Option<int>("--shutdown-delay")
        {
            Description = "Seconds to keep serving after SIGTERM, /readyz already 503, before closing the port: the time kube-apiserver needs to stop routing reviews to this pod",
            DefaultValueFactory = _ => 0,
        };
        option.Validators.Add(result =>
        {
            // The delay and the in-flight reviews share the 25 s shutdown timeout.
            if (result.GetValueOrDefault<int>() is < 0 or > MaxShutdownDelaySeconds)
            {
                result.AddError($"--shutdown-delay must be from 0 to {MaxShutdownDelaySeconds} seconds: the delay and the in-flight reviews share a 25 s shutdown timeout");
            }
        });
        return option;
    }

    private static Option<string?> MaxInflightFlag()
    {
        var option = new Option<string?>("--max-inflight-bytes")
        {
            Description = "Bytes of request bodies held at once, e.g. 48Mi; past it a request waits up to 1 s, then gets HTTP 429 with Retry-After. Default: a sixteenth of the memory the process may use (the GC heap limit, which follows the container's memory limit), at most 256Mi",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && (!ByteSize.TryParse(text, out var bytes) || bytes < RequestBudget.MinimumBytes))
            {
                result.AddError($"--max-inflight-bytes must be a byte count of at least {RequestBudget.MinimumBytes / (1024 * 1024)}Mi (room for one 7 MiB review besides the reserve for small ones), e.g. 48Mi; got {text}");
            }
        });
        return option;
    }

    private static Option<int?> MaxConnectionsFlag()
    {
        var option = new Option<int?>("--max-connections")
        {
            Description = $"Connections the webhook port takes at once; past it a new one is closed. Default: as many as fit in a quarter of the memory the process may use at {ServerLimits.BytesPerConnection / 1024} KiB each, their measured worst case (from {ServerLimits.MinimumConnections})",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--max-connections must be at least 1");
            }
        });
        return option;
    }

    private static Option<int> ClientShareFlag()
    {
        var option = new Option<int>("--client-share")
        {
            Description = "Percent of the webhook port's connections one remote address may hold, and of the request-body budget while other clients wait for it",
            DefaultValueFactory = _ => new ServeOptions().ClientSharePercent,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100)
            {
                result.AddError("--client-share must be a percentage from 1 to 100");
            }
        });
        return option;
    }
}
