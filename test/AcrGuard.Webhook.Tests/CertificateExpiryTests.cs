using System.Security.Cryptography.X509Certificates;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// The serving certificate's notAfter on /metrics as <c>acrguard_tls_certificate_expiry_timestamp_seconds</c>,
/// and a warning in the log from 14 days before it, on real ports with PEM files as a Secret mounts them.
/// </summary>
public sealed class CertificateExpiryTests
{
    private string directory = null!;
    private string certPath = null!;
    private string keyPath = null!;
    private ServeOptions options = null!;
    private CapturedLog log = null!;

    [SetUp]
    public void CreateDirectory()
    {
        directory = Directory.CreateTempSubdirectory("acrguard-expiry-").FullName;
        certPath = Path.Combine(directory, "tls.crt");
        keyPath = Path.Combine(directory, "tls.key");
        log = new CapturedLog();
        options = new ServeOptions
        {
            Port = 0,
            MetricsPort = 0,
            TlsCertPath = certPath,
            TlsKeyPath = keyPath,
            ReloadInterval = TimeSpan.FromMilliseconds(200),
        };
    }

    [TearDown]
    public void RemoveDirectory()
    {
        log.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task The_metrics_port_reports_the_certificates_not_after_in_unix_seconds_and_follows_a_rotation()
    {
        PemFiles.Write(certPath, keyPath, validFor: TimeSpan.FromDays(90));
        using var host = await StartAsync();
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://localhost:{BoundPorts.Of(host).Metrics}") };

        var first = await ScrapeExpiryAsync(metrics);
        PemFiles.Write(certPath, keyPath, validFor: TimeSpan.FromDays(30));
        var rotated = NotAfter();
        long? second = null;
        for (var i = 0; i < 50 && second != rotated; i++)
        {
            await Task.Delay(100);
            second = await ScrapeExpiryAsync(metrics);
        }

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(DateTimeOffset.UtcNow.AddDays(90).ToUnixTimeSeconds()).Within(60));
            Assert.That(second, Is.EqualTo(rotated), "the reloaded certificate's notAfter");
        });
        await host.StopAsync();
    }

    [Test]
    public async Task A_certificate_expiring_within_14_days_is_a_warning_in_the_log()
    {
        PemFiles.Write(certPath, keyPath, validFor: TimeSpan.FromDays(3));
        using var host = await StartAsync();

        var warnings = log.Entries.Where(e => e.Event.Name == "CertificateExpiring").ToList();

        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(warnings[0].Level, Is.EqualTo(LogLevel.Warning));
            Assert.That((double)warnings[0].Fields["Days"]!, Is.EqualTo(3).Within(0.2));
            Assert.That(((DateTimeOffset)warnings[0].Fields["NotAfter"]!).ToUnixTimeSeconds(), Is.EqualTo(NotAfter()));
        });
        await host.StopAsync();
    }

    [Test]
    public async Task A_certificate_with_more_than_14_days_left_logs_no_warning()
    {
        PemFiles.Write(certPath, keyPath, validFor: TimeSpan.FromDays(15));
        using var host = await StartAsync();

        Assert.That(log.Entries.Where(e => e.Event.Name == "CertificateExpiring"), Is.Empty);
        await host.StopAsync();
    }

    private async Task<IHost> StartAsync()
    {
        var host = WebhookHost.CreateBuilder(options).ConfigureLogging(logging => logging.AddProvider(log)).Build();
        await host.StartAsync();
        return host;
    }

    private long NotAfter()
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
        return new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero).ToUnixTimeSeconds();
    }

    // The exporter writes the gauge as `name{otel_scope_name="AcrGuard"} value`, possibly with a timestamp after it.
    private static async Task<long> ScrapeExpiryAsync(HttpClient metrics)
    {
        var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith("acrguard_tls_certificate_expiry_timestamp_seconds{", StringComparison.Ordinal) || l.StartsWith("acrguard_tls_certificate_expiry_timestamp_seconds ", StringComparison.Ordinal));
        Assert.That(line, Is.Not.Null, "acrguard_tls_certificate_expiry_timestamp_seconds on /metrics:\n" + text);
        Assert.That(text, Does.Contain("# TYPE acrguard_tls_certificate_expiry_timestamp_seconds gauge"));
        return (long)double.Parse(line![(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
