using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Floor;

/// <summary>
/// The host of the floor, built the way WebhookHost builds acrguard's (generic host, Kestrel,
/// routing, JSON console logs) with the same listener settings, minus everything a real webhook
/// adds: rules, configuration, metrics, certificate reloading, per-port endpoint checks.
/// </summary>
internal static class FloorHost
{
    public static IHost Build(FloorOptions options)
    {
        var certificate = options.TlsCert is { } cert && options.TlsKey is { } key
            ? PemCertificate.Load(cert, key)
            : SelfSignedCertificate.ForLocalhost();
        return new HostBuilder()
            .ConfigureLogging(logging => logging
                .AddJsonConsole(json =>
                {
                    json.UseUtcTimestamp = true;
                    json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                })
                .SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
                .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None))

            // A singleton so that the host disposes it.
            .ConfigureServices(services => services.AddSingleton(certificate).AddRouting())
            .ConfigureWebHost(web => web
                .UseKestrel(kestrel => ConfigureKestrel(kestrel, options, certificate))
                .Configure(app => app
                    .UseRouting()
                    .UseEndpoints(endpoints =>
                    {
                        endpoints.MapPost("/validate", context => Echo.HandleAsync(context));

                        // The webhook's own /healthz and /readyz: ready once started.
                        endpoints.MapHealth();
                    })))
            .Build();
    }

    // What WebhookHost.ConfigureKestrel sets, line for line: a change there belongs here too. The
    // per-address connection share is left out: one lock as a connection opens and closes, nothing
    // per review, and the floor has no client to tell apart.
    private static void ConfigureKestrel(KestrelServerOptions kestrel, FloorOptions options, X509Certificate2 certificate)
    {
        kestrel.AddServerHeader = false;
        ServerLimits.Apply(kestrel.Limits, TimeSpan.FromSeconds(10), ServerLimits.DefaultMaxConnections());
        kestrel.ListenAnyIP(options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            var context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = context,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                }),
                HandshakeTimeout = TimeSpan.FromSeconds(10),
            });
        });
        kestrel.ListenAnyIP(options.MetricsPort, listen => listen.Protocols = HttpProtocols.Http1);
    }
}
