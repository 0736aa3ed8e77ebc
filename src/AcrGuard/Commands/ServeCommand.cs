using System.CommandLine;
using AcrGuard.Configuration;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tls;
using Microsoft.Extensions.Hosting;

namespace AcrGuard.Commands;

/// <summary><c>acrguard serve</c>: the validating admission webhook, until SIGTERM.</summary>
public static class ServeCommand
{
    private const int MaxShutdownDelaySeconds = 20;

    public static Command Create(TextWriter stderr)
    {
        var config = new Option<string?>("--config") { Description = "Configuration file (YAML); reloaded when it changes" };
        var port = new Option<int>("--port") { Description = "HTTPS port of the webhook (0: any free port, named in the log)", DefaultValueFactory = _ => 8443 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Plain HTTP port of /metrics, /healthz and /readyz (0: any free port, named in the log)", DefaultValueFactory = _ => 9090 };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "Serving certificate (PEM), e.g. tls.crt of a TLS Secret; reloaded when it changes" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "Its private key (PEM), e.g. tls.key" };
        var shutdownDelay = new Option<int>("--shutdown-delay")
        {
            Description = "Seconds to keep serving after SIGTERM, /readyz already 503, before closing the port: the time kube-apiserver needs to stop routing reviews to this pod",
            DefaultValueFactory = _ => 0,
        };
        shutdownDelay.Validators.Add(result =>
        {
            // The delay and the in-flight reviews share the 25 s shutdown timeout.
            if (result.GetValueOrDefault<int>() is < 0 or > MaxShutdownDelaySeconds)
            {
                result.AddError($"--shutdown-delay must be from 0 to {MaxShutdownDelaySeconds} seconds: the delay and the in-flight reviews share a 25 s shutdown timeout");
            }
        });
        var maxInflight = new Option<string?>("--max-inflight-bytes")
        {
            Description = "Bytes of request bodies held at once, e.g. 48Mi; past it a request waits up to 1 s, then gets HTTP 429 with Retry-After. Default: a sixteenth of the memory the process may use (the GC heap limit, which follows the container's memory limit), at most 256Mi",
        };
        maxInflight.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && (!ByteSize.TryParse(text, out var bytes) || bytes < RequestBudget.MinimumBytes))
            {
                result.AddError($"--max-inflight-bytes must be a byte count of at least {RequestBudget.MinimumBytes / (1024 * 1024)}Mi (room for one 7 MiB review besides the reserve for small ones), e.g. 48Mi; got {text}");
            }
        });
        foreach (var option in new[] { port, metricsPort })
        {
            option.Validators.Add(result =>
            {
                // 0 asks the OS for a free port, which the "Now listening on" log line names: how
                // tests and scripts run serve without racing anyone for a port.
                if (result.GetValueOrDefault<int>() is < 0 or > 65535)
                {
                    result.AddError($"{result.Option.Name} must be a port number from 1 to 65535, or 0 for any free port");
                }
            });
        }

        var command = new Command("serve", "Run the validating admission webhook")
        {
            config, port, metricsPort, tlsCert, tlsKey, shutdownDelay, maxInflight,
        };
        command.SetAction(async (result, cancellation) =>
        {
            // Here, not in a command validator: there an option left at its default reads as 0,
            // so a bare `acrguard serve` was refused for ports 0 and 0.
            if (result.GetValue(port) == result.GetValue(metricsPort) && result.GetValue(port) != 0)
            {
                await stderr.WriteLineAsync("acrguard: --port and --metrics-port must differ").ConfigureAwait(false);
                return AcrGuardCli.UsageError;
            }

            var options = new ServeOptions
            {
                ConfigPath = result.GetValue(config),
                Port = result.GetValue(port),
                MetricsPort = result.GetValue(metricsPort),
                TlsCertPath = result.GetValue(tlsCert),
                TlsKeyPath = result.GetValue(tlsKey),
                ShutdownDelay = TimeSpan.FromSeconds(result.GetValue(shutdownDelay)),
                MaxInflightBytes = result.GetValue(maxInflight) is { } inflight && ByteSize.TryParse(inflight, out var inflightBytes) ? inflightBytes : null,
            };
            IHost host;
            try
            {
                host = WebhookHost.Build(options);
            }
            catch (Exception e) when (e is ConfigException or CertificateException)
            {
                await stderr.WriteLineAsync($"acrguard: {e.Message}").ConfigureAwait(false);
                return AcrGuardCli.UsageError;
            }

            using (host)
            {
                try
                {
                    // The host's console lifetime handles SIGTERM: stop accepting, finish in-flight, return.
                    await host.RunAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    // Kestrel's bind failure (port in use, no permission) is an IOException.
                    await stderr.WriteLineAsync($"acrguard: cannot listen: {e.Message}").ConfigureAwait(false);
                    return 1;
                }
            }

            return 0;
        });
        return command;
    }
}
