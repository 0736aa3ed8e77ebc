using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Reload;
using AcrGuard.Webhook.Telemetry;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tls;

/// <summary>
/// The serving certificate, handed to each TLS handshake. When cert-manager rotates the Secret,
/// the new files are loaded and the next handshake uses them; connections already open keep
/// theirs. A pair that cannot be loaded (a half-written rotation) leaves the old one serving.
/// </summary>
public sealed partial class CertificateStore : IDisposable
{
    private readonly ILogger<CertificateStore> logger;
    private readonly WebhookMetrics metrics;
    private readonly FileWatch? watch;
    private readonly Timer expiryCheck;
    private readonly string certPath = string.Empty;
    private readonly string keyPath = string.Empty;
    private volatile X509Certificate2 current;
    private volatile SslStreamCertificateContext context;

    /// <exception cref="CertificateException">The certificate at start cannot be loaded.</exception>
    public CertificateStore(ServeOptions options, ILogger<CertificateStore> logger, WebhookMetrics metrics)
    {
        this.logger = logger;
        this.metrics = metrics;
        if (options.TlsCertPath is null && options.TlsKeyPath is null)
        {
            current = SelfSignedCertificate.ForLocalhost();
            context = ContextOf(current);
            SelfSigned(logger, current.Thumbprint);
            expiryCheck = WatchExpiry();
            return;
        }

        if (options.TlsCertPath is null || options.TlsKeyPath is null)
        {
            throw new CertificateException("--tls-cert and --tls-key go together: give both, or neither for a self-signed certificate");
        }

        certPath = options.TlsCertPath;
        keyPath = options.TlsKeyPath;
        current = PemCertificate.Load(certPath, keyPath);
        context = ContextOf(current);
        Loaded(logger, certPath, current.Subject, current.NotAfter, current.Thumbprint);
        expiryCheck = WatchExpiry();
        watch = new FileWatch([certPath, keyPath], options.ReloadInterval, Reload);
    }

    public X509Certificate2 Current => current;

    /// <summary>
    /// <see cref="Current"/> as a handshake takes it, built once per certificate: a handshake given
    /// the bare certificate would build this itself each time.
    /// </summary>
    public SslStreamCertificateContext Context => context;

    public void Dispose()
    {
        expiryCheck.Dispose();
        watch?.Dispose();
        current.Dispose();
    }

    private void Reload()
    {
        try
        {
            // The old certificate is not disposed: handshakes in progress may still hold it.
            var loaded = PemCertificate.Load(certPath, keyPath);
            context = ContextOf(loaded);
            current = loaded;
            metrics.Reloaded("certificate", success: true);
            Loaded(logger, certPath, current.Subject, current.NotAfter, current.Thumbprint);
            CheckExpiry();
        }
        catch (CertificateException e)
        {
            metrics.Reloaded("certificate", success: false);
            Refused(logger, e.Message);
        }
    }

    // Offline: the chain is what the files and the machine hold; a handshake never waits on the network.
    private static SslStreamCertificateContext ContextOf(X509Certificate2 certificate) =>
        SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);

    // The gauge reads the certificate in force at each scrape; the log warns at load and hourly.
    private Timer WatchExpiry()
    {
        metrics.ObserveCertificateExpiry(() => new DateTimeOffset(current.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        CheckExpiry();
        return new Timer(_ => CheckExpiry(), null, CertificateExpiry.CheckInterval, CertificateExpiry.CheckInterval);
    }

    private void CheckExpiry()
    {
        var certificate = current;
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var now = DateTimeOffset.UtcNow;
        if (CertificateExpiry.IsNear(notAfter, now))
        {
            Expiring(logger, certificate.Subject, notAfter, Math.Round((notAfter - now).TotalDays, 1), certificate.Thumbprint);
        }
    }

    [LoggerMessage(EventId = 13, EventName = "CertificateExpiring", Level = LogLevel.Warning, Message = "The serving certificate {Subject} expires at {NotAfter:O}, in {Days} days (thumbprint {Thumbprint}): after that kube-apiserver refuses the TLS handshake and every Fail webhook rejects its requests; renew it (docs/install.md)")]
    private static partial void Expiring(ILogger logger, string subject, DateTimeOffset notAfter, double days, string thumbprint);

    [LoggerMessage(EventId = 10, EventName = "CertificateLoaded", Level = LogLevel.Information, Message = "Serving with the certificate from {Path}: {Subject}, valid until {NotAfter:O}, thumbprint {Thumbprint}")]
    private static partial void Loaded(ILogger logger, string path, string subject, DateTime notAfter, string thumbprint);

    [LoggerMessage(EventId = 11, EventName = "CertificateRefused", Level = LogLevel.Error, Message = "Kept the current certificate: the changed files cannot be loaded: {Problem}")]
    private static partial void Refused(ILogger logger, string problem);

    [LoggerMessage(EventId = 12, EventName = "SelfSignedCertificate", Level = LogLevel.Warning, Message = "No --tls-cert/--tls-key: serving with an ephemeral self-signed certificate for localhost (thumbprint {Thumbprint}); kube-apiserver will not trust it")]
    private static partial void SelfSigned(ILogger logger, string thumbprint);
}
