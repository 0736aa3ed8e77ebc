using Microsoft.AspNetCore.Http;

namespace AcrGuard.Webhook.Hosting;

/// <summary>Answers 404 for an endpoint reached on the other listener's port.</summary>
public static class ListenerMiddleware
{
    public static RequestDelegate Create(RequestDelegate next, ServeOptions options) => context =>
    {
        // Port 0: an in-memory server (tests), with no sockets to tell apart.
        var port = context.Connection.LocalPort;
        if (port != 0 && context.GetEndpoint()?.Metadata.GetMetadata<Listener>() is { } listener
            && port != (listener.Webhook ? options.Port : options.MetricsPort))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    };
}
