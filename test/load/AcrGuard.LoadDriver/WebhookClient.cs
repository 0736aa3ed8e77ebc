using System.Net;
using System.Net.Security;

namespace AcrGuard.LoadDriver;

/// <summary>The HTTP/2-over-TLS client a kube-apiserver would be: few connections, many streams.</summary>
internal static class WebhookClient
{
    public static HttpClient Create(TimeSpan recycle, TimeSpan timeout, ThumbprintLog thumbprints)
    {
        var handler = new SocketsHttpHandler
        {
            // Past 100 concurrent streams (Kestrel's default limit) a second connection opens.
            EnableMultipleHttp2Connections = true,

            // A connection older than this takes no new requests and a new one is opened, with
            // a new handshake: what shows a rotated certificate reaching new connections.
            PooledConnectionLifetime = recycle,
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
        return new HttpClient(handler)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = timeout,
        };
    }
}
