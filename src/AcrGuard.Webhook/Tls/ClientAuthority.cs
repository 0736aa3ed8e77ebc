using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Reload;
using AcrGuard.Webhook.Telemetry;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tls;

/// <summary>
/// The CAs whose client certificates the webhook port requires (<c>--client-ca</c>, else the
/// configuration's <c>tls.clientCA</c>), and the names it accepts (<c>--client-name</c>). Reloaded
/// as the serving certificate is: the file watched, a bundle that cannot be read refused and the
/// last good one kept. Without a client CA no client certificate is asked for.
/// </summary>
public sealed partial class ClientAuthority : IDisposable
{
    // id-kp-clientAuth (RFC 5280 4.2.1.12): what Go's tls server requires of a client certificate too.
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly ILogger<ClientAuthority> logger;
    private readonly WebhookMetrics metrics;
    private readonly ClientCertificateLog refusals;
    private readonly FileWatch? watch;
    private readonly HashSet<string> names;
    private volatile X509ChainPolicy? policy;

    /// <exception cref="CertificateException">The client CA at start cannot be loaded, or names are given without one.</exception>
    public ClientAuthority(ServeOptions options, ConfigStore config, ILogger<ClientAuthority> logger, WebhookMetrics metrics, ClientCertificateLog refusals)
    {
        this.logger = logger;
        this.metrics = metrics;
        this.refusals = refusals;
        names = new HashSet<string>(options.ClientNames, StringComparer.OrdinalIgnoreCase);
        Path = options.ClientCaPath ?? FromConfig(config.Current.Config.ClientCA, options.ConfigPath);
        if (Path is null)
        {
            if (names.Count > 0)
            {
                throw new CertificateException("--client-name needs a client CA: give --client-ca (or tls.clientCA in the configuration)");
            }

            return;
        }

        policy = Load(Path);
        watch = new FileWatch([Path], options.ReloadInterval, Reload);
    }

    /// <summary>The client CA file; null when no client certificate is required.</summary>
    public string? Path { get; }

    public bool Required => Path is not null;

    /// <summary>
    /// The chain policy one handshake verifies the client's certificate with: a copy, so that
    /// SslStream may add the client's intermediates to it without another handshake seeing them.
    /// </summary>
    public X509ChainPolicy? ChainPolicy() => policy?.Clone();

    /// <summary>The handshake's verdict on the client's certificate: refused ones counted and logged.</summary>
    public bool Accepts(string remote, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (ClientCertificateCheck.Problem(certificate, chain, errors, names) is not { } problem)
        {
            return true;
        }

        metrics.Failed("client_certificate");
        refusals.Refused(remote, problem);
        return false;
    }

    public void Dispose() => watch?.Dispose();

    // A relative tls.clientCA is read beside the configuration file, as a mounted volume would be.
    private static string? FromConfig(string? clientCA, string? configPath) =>
        clientCA is null || configPath is null
            ? clientCA
            : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(configPath)) ?? string.Empty, clientCA);

    private X509ChainPolicy Load(string path)
    {
        var bundle = PemBundle.Load(path);
        var loaded = new X509ChainPolicy
        {
            // Only these CAs, not the machine's: any CA the node trusts could otherwise issue a caller.
            TrustMode = X509ChainTrustMode.CustomRootTrust,

            // A private CA (the cluster's, cert-manager's) publishes no revocation list, and a
            // handshake must not wait on the network.
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        loaded.CustomTrustStore.AddRange(bundle);
        loaded.ApplicationPolicy.Add(ClientAuthentication);
        var subjects = string.Join("; ", bundle.Select(c => c.Subject));
        Loaded(logger, path, bundle.Count, subjects, names.Count == 0 ? "any" : string.Join(", ", names));
        return loaded;
    }

    private void Reload()
    {
        try
        {
            // Handshakes in progress keep the copy they took.
            policy = Load(Path!);
            metrics.Reloaded("client_ca", success: true);
        }
        catch (CertificateException e)
        {
            metrics.Reloaded("client_ca", success: false);
            Refused(logger, e.Message);
        }
    }

    [LoggerMessage(EventId = 18, EventName = "ClientCaLoaded", Level = LogLevel.Information, Message = "Requiring client certificates of the client CA in {Path} ({Count} certificates: {Subjects}); names accepted: {Names}")]
    private static partial void Loaded(ILogger logger, string path, int count, string subjects, string names);

    [LoggerMessage(EventId = 19, EventName = "ClientCaRefused", Level = LogLevel.Error, Message = "Kept the current client CA: the changed file cannot be loaded: {Problem}")]
    private static partial void Refused(ILogger logger, string problem);
}
