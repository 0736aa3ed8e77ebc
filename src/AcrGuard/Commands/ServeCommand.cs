using System.CommandLine;
using AcrGuard.Configuration;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tls;
using Microsoft.Extensions.Hosting;

namespace AcrGuard.Commands;

/// <summary><c>acrguard serve</c>: the validating admission webhook, until SIGTERM.</summary>
public static class ServeCommand
{
    public static Command Create(TextWriter stderr)
    {
        var config = new Option<string?>("--config") { Description = "Configuration file (YAML); reloaded when it changes" };
        var port = new Option<int>("--port") { Description = "HTTPS port of the webhook", DefaultValueFactory = _ => 8443 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Plain HTTP port of /metrics, /healthz and /readyz", DefaultValueFactory = _ => 9090 };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "Serving certificate (PEM), e.g. tls.crt of a TLS Secret; reloaded when it changes" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "Its private key (PEM), e.g. tls.key" };
        foreach (var option in new[] { port, metricsPort })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() is < 1 or > 65535)
                {
                    result.AddError($"{result.Option.Name} must be a port number from 1 to 65535");
                }
            });
        }

        var command = new Command("serve", "Run the validating admission webhook")
        {
            config, port, metricsPort, tlsCert, tlsKey,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(port) == result.GetValue(metricsPort))
            {
                result.AddError("--port and --metrics-port must differ");
            }
        });
        command.SetAction(async (result, cancellation) =>
        {
            var options = new ServeOptions
            {
                ConfigPath = result.GetValue(config),
                Port = result.GetValue(port),
                MetricsPort = result.GetValue(metricsPort),
                TlsCertPath = result.GetValue(tlsCert),
                TlsKeyPath = result.GetValue(tlsKey),
                LoadConfig = ConfigFile.Load,
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
