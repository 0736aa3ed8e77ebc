using AcrGuard.Configuration;
using AcrGuard.Webhook.Configuration;
using AcrGuard.Webhook.Reload;
using AcrGuard.Webhook.Telemetry;
using AcrGuard.Webhook.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// Composes <c>acrguard serve</c>: Kestrel with the webhook on a TLS port (HTTP/1.1 and HTTP/2)
/// and metrics and probes on a plain one, JSON logs, OpenTelemetry metrics, graceful shutdown.
/// </summary>
public static class WebhookHost
{
    public static IHostBuilder CreateBuilder(ServeOptions options) =>
        new HostBuilder()
            .ConfigureLogging(logging => logging
                .AddJsonConsole(json =>
                {
                    json.UseUtcTimestamp = true;
                    json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                })
                .SetMinimumLevel(LogLevel.Information)

                // ASP.NET logs each request at Information: a webhook would log every pod creation.
                .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)

                // Its hosting diagnostics log nothing above Debug, but while any level is on ASP.NET
                // starts an Activity per request to correlate them: a cost on every review for nothing.
                .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None)

                // A Warning per connection refused past the connection limit: a connection
                // flood would flood the log too. kestrel_rejected_connections_total counts them.
                .AddFilter("Microsoft.AspNetCore.Server.Kestrel.Connections", LogLevel.Error))
            .ConfigureServices(services => services
                .Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout)
                .AddSingleton(options)
                .AddSingleton<WebhookMetrics>()
                .AddSingleton<IConfigSource, ConfigFile>()
                .AddSingleton<ConfigStore>()
                .AddSingleton<CertificateStore>()
                .AddSingleton<ClientCertificateLog>()
                .AddSingleton<ClientAuthority>()
                .AddSingleton<TlsHandshake>()
                .AddSingleton<ReviewHandler>()
                .AddSingleton(provider => RequestBudget.For(options, provider.GetRequiredService<ILogger<RequestBudget>>()))
                .AddSingleton<OverloadLog>()
                .AddSingleton(provider => ConnectionShare.For(options, provider.GetRequiredService<ILogger<ConnectionShare>>()))
                .AddSingleton<ClientLimitLog>()
                .AddSingleton<ClientLimitMiddleware>()
                .AddHostedService<ShutdownDelay>()
                .AddRouting()
                .AddOpenTelemetry()
                .WithMetrics(metrics => metrics
                    // System.Runtime: GC, allocation and thread-pool figures, what an operator checks first under load.
                    .AddMeter(WebhookMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                    .AddView(MetricViews.For)
                    .AddPrometheusExporter()))
            .ConfigureWebHost(web => web
                .UseKestrel((context, kestrel) => ConfigureKestrel(kestrel, options))
                .Configure(app => app
                    .UseRouting()
                    .Use(ListenerMiddleware.Create)
                    .UseEndpoints(endpoints =>
                    {
                        endpoints.MapValidate();
                        endpoints.MapHealth();
                        endpoints.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new Listener(Webhook: false));
                    })));

    /// <summary>Builds the host and loads configuration and certificate, so that a bad one stops the start.</summary>
    /// <exception cref="ConfigException">The configuration is invalid.</exception>
    /// <exception cref="CertificateException">The certificate or key, or the client CA, is unusable.</exception>
    public static IHost Build(ServeOptions options)
    {
        var host = CreateBuilder(options).Build();
        try
        {
            host.Services.GetRequiredService<ConfigStore>();
            host.Services.GetRequiredService<CertificateStore>();
            host.Services.GetRequiredService<ClientAuthority>();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, ServeOptions options)
    {
        kestrel.AddServerHeader = false;
        var services = kestrel.ApplicationServices;
        ServerLimits.Apply(kestrel.Limits, options.ClientTimeout, services.GetRequiredService<ConnectionShare>().Capacity);
        kestrel.ListenAnyIP(options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;

            // Ahead of TLS: a client past its share costs no handshake.
            listen.Use(services.GetRequiredService<ClientLimitMiddleware>().Wrap);
            listen.UseHttps(services.GetRequiredService<TlsHandshake>().Options(options.ClientTimeout));
        });
        kestrel.ListenAnyIP(options.MetricsPort, listen => listen.Protocols = HttpProtocols.Http1);
    }
}
