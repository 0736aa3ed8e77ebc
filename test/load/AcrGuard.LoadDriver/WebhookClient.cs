using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace AcrGuard.LoadDriver;

/// <summary>The HTTP/2-over-TLS client a kube-apiserver would be: few connections, many streams.</summary>
internal static class WebhookClient
{
    /// <summary>A client of its own connections (each new client, with <see cref="DriverOptions.NewConnectionPerReview"/>, a new connection).</summary>
    public static HttpClient Create(DriverOptions options, ThumbprintLog thumbprints, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            // Past 100 concurrent streams (Kestrel's default limit) a second connection opens.
            EnableMultipleHttp2Connections = true,

            // A connection older than this takes no new requests and a new one is opened, with
            // a new handshake: what shows a rotated certificate reaching new connections.
            PooledConnectionLifetime = options.Recycle,
            SslOptions = new SslClientAuthenticationOptions
            {
                // The certificates are made on the spot by `acrguard certs` (and replaced during
                // the rotation run): none is trusted, each is recorded instead of checked.
#pragma warning disable CA5359 // The load driver talks only to a test server whose certificate it records.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is not null)
                    {
                        thumbprints.Record(certificate.GetCertHashString());
                    }

                    return true;
                },
#pragma warning restore CA5359
            },
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        if (options.Source is { } source)
        {
            handler.ConnectCallback = (context, cancellation) => ConnectFromAsync(source, context.DnsEndPoint, cancellation);
        }

        return new HttpClient(handler)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = options.Timeout,
        };
    }

    // The socket bound to the source address before it connects: the server counts it under that address.
    private static async ValueTask<Stream> ConnectFromAsync(IPAddress source, DnsEndPoint server, CancellationToken cancellation)
    {
        var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(server, cancellation).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
