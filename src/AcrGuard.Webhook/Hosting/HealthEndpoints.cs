using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// Probes on the metrics port. Live while the process answers; ready once started (configuration
/// and certificate are loaded before that) and until shutdown begins, so that the Service stops
/// sending reviews to a replica that is draining.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        var metricsPort = new Listener(Webhook: false);
        endpoints.MapGet("/healthz", () => TypedResults.Text("ok")).WithMetadata(metricsPort);
        endpoints.MapGet("/readyz", Ready).WithMetadata(metricsPort);
    }

    public static IResult Ready(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested
            ? TypedResults.Text("ok")
            : TypedResults.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable);
}
