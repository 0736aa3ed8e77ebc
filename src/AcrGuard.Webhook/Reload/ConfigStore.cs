using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Configuration;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Telemetry;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Reload;

/// <summary>
/// The configuration in force, as an <see cref="Evaluator"/> built once per configuration. The
/// file is reloaded when it changes; a bad edit is refused and logged, and the last good
/// configuration keeps serving.
/// </summary>
public sealed partial class ConfigStore : IDisposable
{
    private readonly ServeOptions options;
    private readonly IConfigSource source;
    private readonly ILogger<ConfigStore> logger;
    private readonly WebhookMetrics metrics;
    private readonly FileWatch? watch;
    private volatile Evaluator current;

    /// <exception cref="ConfigException">The configuration at start is missing or invalid.</exception>
    public ConfigStore(ServeOptions options, IConfigSource source, ILogger<ConfigStore> logger, WebhookMetrics metrics)
    {
        this.options = options;
        this.source = source;
        this.logger = logger;
        this.metrics = metrics;
        current = new Evaluator(source.Load(options.ConfigPath));
        if (options.ConfigPath is { } path)
        {
            watch = new FileWatch([path], options.ReloadInterval, Reload);
        }
    }

    public Evaluator Current => current;

    public void Dispose() => watch?.Dispose();

    private void Reload()
    {
        try
        {
            current = new Evaluator(source.Load(options.ConfigPath));
            metrics.Reloaded("config", success: true);
            Reloaded(logger, options.ConfigPath ?? string.Empty, current.Config.Mode);
        }
        catch (ConfigException e)
        {
            metrics.Reloaded("config", success: false);
            Refused(logger, options.ConfigPath ?? string.Empty, e.Message);
        }
    }

    [LoggerMessage(EventId = 20, EventName = "ConfigReloaded", Level = LogLevel.Information, Message = "Reloaded the configuration from {Path}: mode {Mode}")]
    private static partial void Reloaded(ILogger logger, string path, EnforcementMode mode);

    [LoggerMessage(EventId = 21, EventName = "ConfigRefused", Level = LogLevel.Error, Message = "Refused the edited configuration {Path}, keeping the last good one: {Problem}")]
    private static partial void Refused(ILogger logger, string path, string problem);
}
