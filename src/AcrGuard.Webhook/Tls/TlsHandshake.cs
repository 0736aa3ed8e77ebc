using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AcrGuard.Webhook.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace AcrGuard.Webhook.Tls;

/// <summary>
/// The TLS options of each connection to the webhook port, chosen as it arrives: the serving
/// certificate in force, and, when a client CA is configured, a required client certificate
/// verified against the client CA in force. Both reload without a restart, so they are read per
/// handshake rather than fixed when Kestrel starts.
/// </summary>
public sealed class TlsHandshake(CertificateStore certificates, ClientAuthority clients)
{
    /// <param name="handshakeTimeout">
    /// A connection that never finishes its handshake holds a connection slot (Kestrel's default: 10 s).
    /// </param>
    public TlsHandshakeCallbackOptions Options(TimeSpan handshakeTimeout) => new()
    {
        OnConnection = context => ValueTask.FromResult(For(ClientAddress.Of(context.Connection.RemoteEndPoint)?.ToString() ?? "unknown")),
        HandshakeTimeout = handshakeTimeout,
    };

    /// <summary>The options for one handshake with a client at <paramref name="remote"/>.</summary>
    public SslServerAuthenticationOptions For(string remote)
    {
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = certificates.Context,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (clients.ChainPolicy() is { } policy)
        {
            // Without a certificate, or with one the policy does not chain, the handshake fails:
            // the client gets no HTTP answer at all, as controller-runtime's ClientCAName does it.
            options.ClientCertificateRequired = true;
            options.CertificateChainPolicy = policy;
            options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => clients.Accepts(remote, certificate, chain, errors);
        }

        return options;
    }
}
