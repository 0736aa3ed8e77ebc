using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// Probes on the metrics port. Live while the process answers; ready once started (configuration
/// and certificate are loaded before that) and until shutdown begins, so that the Service stops
/// sending reviews to a replica that is draining.
/// </summary>
/// <remarks>
/// Plain <see cref="RequestDelegate"/>s, as the review endpoints: a lambda with parameters would be
/// bound by reflection (RequestDelegateFactory), which the native build cannot do.
/// </remarks>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        var metricsPort = new Listener(Webhook: false);
        var lifetime = endpoints.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        endpoints.MapGet("/healthz", context => Text(context, StatusCodes.Status200OK, "ok")).WithMetadata(metricsPort);
        endpoints.MapGet("/readyz", context => IsReady(lifetime)
            ? Text(context, StatusCodes.Status200OK, "ok")
            : Text(context, StatusCodes.Status503ServiceUnavailable, "not ready")).WithMetadata(metricsPort);
    }

    public static bool IsReady(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;

    private static Task Text(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
