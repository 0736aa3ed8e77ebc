using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>An HTTP/1.1 connection over TLS driven byte by byte: what a slow or hostile client does.</summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private readonly TcpClient tcp;
    private readonly SslStream tls;

    private RawConnection(TcpClient tcp, SslStream tls)
    {
        this.tcp = tcp;
        this.tls = tls;
    }

    /// <summary>A connection to localhost, or from <paramref name="source"/> to 127.0.0.1 (see <see cref="SourceAddress"/>).</summary>
    public static async Task<RawConnection> OpenAsync(int port, IPAddress? source = null)
    {
        var tcp = source is null ? new TcpClient() : await SourceAddress.ConnectAsync(source, port);
        if (source is null)
        {
            await tcp.ConnectAsync("localhost", port);
        }

        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) => certificate is not null);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        });
        return new RawConnection(tcp, tls);
    }

    public async Task SendAsync(string text) => await SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await tls.WriteAsync(bytes);
        await tls.FlushAsync();
    }

    /// <summary>Sends one byte at a time with a pause, until the server hangs up or the text is sent.</summary>
    public async Task<bool> TrickleAsync(string text, TimeSpan pause)
    {
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            try
            {
                await SendAsync(new[] { b });
            }
            catch (IOException)
            {
                return false;
            }

            await Task.Delay(pause);
        }

        return true;
    }

    /// <summary>What the server sends until it closes the connection or the timeout passes.</summary>
    public async Task<(string Text, bool Closed)> ReadUntilClosedAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var received = new StringBuilder();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await tls.ReadAsync(buffer, cancel.Token);
                if (read == 0)
                {
                    return (received.ToString(), true);
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException)
        {
            return (received.ToString(), false);
        }
        catch (IOException)
        {
            return (received.ToString(), true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await tls.DisposeAsync();
        tcp.Dispose();
    }
}
