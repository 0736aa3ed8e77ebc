using AcrGuard.Webhook.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>
/// <c>acrguard serve</c> composed as the executable composes it, on an in-memory server. The host
/// is built by <see cref="WebhookHost"/> rather than discovered from Main, which parses a command line.
/// </summary>
internal sealed class WebhookFactory(string? configPath = null, ILoggerProvider? log = null) : WebApplicationFactory<Program>
{
    public const string WebhookBase = "https://localhost:8443";

    public ServeOptions Options { get; } = new()
    {
        ConfigPath = configPath,
        ReloadInterval = TimeSpan.FromMilliseconds(200),
    };

    protected override IHostBuilder CreateHostBuilder() =>
        log is null ? WebhookHost.CreateBuilder(Options) : WebhookHost.CreateBuilder(Options).ConfigureLogging(logging => logging.AddProvider(log));

    public HttpClient Webhook() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(WebhookBase) });
}
