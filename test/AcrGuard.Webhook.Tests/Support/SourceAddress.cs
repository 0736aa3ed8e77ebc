using System.Net;
using System.Net.Sockets;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>
/// Clients that connect from a chosen loopback address (127.0.0.2, 127.0.0.3, ...): on Linux every
/// address of 127.0.0.0/8 is the loopback interface's, so one test process can be several clients,
/// as pods on a node are to the webhook.
/// </summary>
internal static class SourceAddress
{
    public static IPAddress Loopback(int last) => new([127, 0, 0, (byte)last]);

    /// <summary>A TCP connection to <paramref name="port"/> on 127.0.0.1 from <paramref name="source"/>.</summary>
    public static async Task<TcpClient> ConnectAsync(IPAddress source, int port)
    {
        var tcp = new TcpClient(new IPEndPoint(source, 0));
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        return tcp;
    }

    /// <summary>Whether the server closed <paramref name="tcp"/> without a byte (read 0) within a few seconds.</summary>
    public static async Task<bool> ClosedAtOnceAsync(TcpClient tcp)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            return await tcp.GetStream().ReadAsync(new byte[1], cancel.Token) == 0;
        }
        catch (IOException)
        {
            // A reset is a close too.
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// An HTTPS client of the webhook on 127.0.0.1:<paramref name="port"/> whose every connection
    /// comes from <paramref name="source"/>, trusting any server certificate.
    /// </summary>
    public static HttpClient Client(IPAddress source, int port, SocketsHttpHandler? handler = null)
    {
        handler ??= new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback ??= (_, certificate, _, _) => certificate is not null;
        handler.ConnectCallback = async (context, cancellation) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{port}") };
    }
}
