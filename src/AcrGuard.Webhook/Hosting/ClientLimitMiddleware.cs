using AcrGuard.Webhook.Telemetry;
using Microsoft.AspNetCore.Connections;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// A Kestrel connection middleware on the webhook port, ahead of TLS: a connection from an address
/// that holds its share of the slots (<see cref="ConnectionShare"/>) is closed at once, before it
/// costs a handshake, counted as <c>client_limit</c> and logged once per burst.
/// </summary>
public sealed class ClientLimitMiddleware(ConnectionShare share, ClientLimitLog log, WebhookMetrics metrics)
{
    public ConnectionDelegate Wrap(ConnectionDelegate next) => connection => OnConnectionAsync(connection, next);

    private async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (ClientAddress.Of(connection.RemoteEndPoint) is not { } address)
        {
            await next(connection).ConfigureAwait(false);
            return;
        }

        if (!share.TryOpen(address))
        {
            metrics.Failed("client_limit");
            log.ConnectionRefused(address.ToString(), share.PerClient, share.Capacity);

            // Returning without calling on closes the connection, as Kestrel's own limit does.
            return;
        }

        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            share.Close(address);
        }
    }
}
