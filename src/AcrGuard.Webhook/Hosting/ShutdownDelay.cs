using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// Keeps serving for <see cref="ServeOptions.ShutdownDelay"/> after SIGTERM, with /readyz already
/// answering 503, before Kestrel stops listening. The kubelet sends SIGTERM at the same time as the
/// pod leaves the Service's endpoints, and kube-apiserver learns of that a moment later: a replica
/// that closed its port at once would refuse the reviews still routed to it, and with
/// failurePolicy Fail each refusal is a failed pod creation.
/// </summary>
/// <remarks>
/// The host calls <see cref="StoppingAsync"/> before it stops any service, the web server
/// included. The delay counts against the host's shutdown timeout, so a long delay leaves
/// in-flight reviews less time, never more.
/// </remarks>
public sealed partial class ShutdownDelay(ServeOptions options, IHostApplicationLifetime lifetime, ILogger<ShutdownDelay> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (options.ShutdownDelay <= TimeSpan.Zero)
        {
            return;
        }

        // SIGTERM has already signalled ApplicationStopping; a direct IHost.StopAsync signals it only
        // after this method. Signalling here turns /readyz to 503 for the delay either way (once only).
        lifetime.StopApplication();

        Delaying(logger, options.ShutdownDelay.TotalSeconds);
        try
        {
            await Task.Delay(options.ShutdownDelay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The shutdown timeout ran out first: stop now, as the host asks.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 30, EventName = "ShutdownDelay", Level = LogLevel.Information,
        Message = "Stopping: /readyz answers 503; still serving for {Seconds} s so that kube-apiserver stops routing reviews here, then finishing in-flight reviews")]
    private static partial void Delaying(ILogger logger, double seconds);
}
