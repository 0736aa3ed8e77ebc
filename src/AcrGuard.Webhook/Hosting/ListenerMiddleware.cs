using Microsoft.AspNetCore.Http;

namespace AcrGuard.Webhook.Hosting;

/// <summary>Answers 404 for an endpoint reached on the other listener's port.</summary>
public static class ListenerMiddleware
{
    public static RequestDelegate Create(RequestDelegate next) => context =>
    {
        // The webhook's listener is the only one with TLS: told apart by that rather than by port
        // number, which is not known in advance when serve binds port 0. Local port 0: an in-memory
        // server (tests), with no sockets to tell apart.
        if (context.Connection.LocalPort != 0 && context.GetEndpoint()?.Metadata.GetMetadata<Listener>() is { } listener
            && listener.Webhook != context.Request.IsHttps)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    };
}
