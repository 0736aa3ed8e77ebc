using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tests.Support;
using AcrGuard.Webhook.Tls;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// <c>serve</c> on real sockets: TLS with HTTP/2 negotiated, the certificate rotated on disk under
/// a running server, the metrics port scraped, and each port serving only its own endpoints.
/// </summary>
public sealed class KestrelTlsTests
{
    private string directory = null!;
    private string certPath = null!;
    private string keyPath = null!;
    private ServeOptions options = null!;
    private int port;
    private int metricsPort;

    [SetUp]
    public void CreateCertificate()
    {
        directory = Directory.CreateTempSubdirectory("acrguard-tls-").FullName;
        certPath = Path.Combine(directory, "tls.crt");
        keyPath = Path.Combine(directory, "tls.key");
        options = new ServeOptions
        {
            Port = 0,
            MetricsPort = 0,
            TlsCertPath = certPath,
            TlsKeyPath = keyPath,
            ReloadInterval = TimeSpan.FromMilliseconds(500),
        };
    }

    [TearDown]
    public void RemoveCertificate() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task Reviews_are_served_over_tls_with_http2_negotiated()
    {
        var thumbprint = PemFiles.Write(certPath, keyPath);
        using var host = await StartAsync();

        var (version, seen, body) = await ReviewAsync();

        Assert.That(version, Is.EqualTo(HttpVersion.Version20));
        Assert.That(seen, Is.EqualTo(thumbprint));
        Assert.That(body, Does.Contain("\"allowed\":false"));
    }

    [Test]
    public async Task Http11_is_served_too()
    {
        PemFiles.Write(certPath, keyPath);
        using var host = await StartAsync();

        var (version, _, _) = await ReviewAsync(HttpVersion.Version11);

        Assert.That(version, Is.EqualTo(HttpVersion.Version11));
    }

    [Test]
    public async Task A_certificate_replaced_on_disk_is_used_by_the_next_handshake_and_counted()
    {
        var first = PemFiles.Write(certPath, keyPath, "first");
        using var host = await StartAsync();
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };
        Assert.That((await ReviewAsync()).Thumbprint, Is.EqualTo(first));

        var second = PemFiles.Write(certPath, keyPath, "second");

        string? seen = null;
        for (var i = 0; i < 50 && seen != second; i++)
        {
            await Task.Delay(100);
            seen = (await ReviewAsync()).Thumbprint;
        }

        Assert.That(seen, Is.EqualTo(second), "a new connection after the swap sees the new certificate");
        Assert.That(await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            Does.Match("""acrguard_reloads_total\{[^}]*result="success"[^}]*what="certificate"[^}]*\} [1-9]"""));
    }

    [Test]
    public async Task A_half_written_rotation_is_refused_and_the_current_certificate_kept()
    {
        var first = PemFiles.Write(certPath, keyPath);
        using var log = new CapturedLog();
        using var host = await StartAsync(log);
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };

        await File.WriteAllTextAsync(keyPath, "-----BEGIN PRIVATE KEY-----\ntruncated");

        // Seen as refused (the log line, the failure count), not only as the old certificate,
        // which a watcher that never fired would show as well.
        for (var i = 0; i < 100 && !log.Entries.Any(e => e.Event.Name == "CertificateRefused"); i++)
        {
            await Task.Delay(100);
        }

        var refused = log.Entries.FirstOrDefault(e => e.Event.Name == "CertificateRefused");
        var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var (_, seen, _) = await ReviewAsync();
        Assert.Multiple(() =>
        {
            Assert.That(refused.Category, Is.EqualTo("AcrGuard.Webhook.Tls.CertificateStore"), "a CertificateRefused line");
            Assert.That((refused.Level, refused.Event.Id), Is.EqualTo((LogLevel.Error, 11)));
            Assert.That(text, Does.Match("""acrguard_reloads_total\{[^}]*result="failure"[^}]*what="certificate"[^}]*\} [1-9]"""));
            Assert.That(text, Does.Not.Match("""acrguard_reloads_total\{[^}]*result="success"[^}]*what="certificate"""));
            Assert.That(seen, Is.EqualTo(first), "the current certificate still serves");
        });
    }

    [Test]
    public async Task The_metrics_port_serves_prometheus_text_and_the_counters_move()
    {
        PemFiles.Write(certPath, keyPath);
        using var host = await StartAsync();
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };

        await ReviewAsync();
        await ReviewAsync();
        var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.That(text, Does.Match("""acrguard_admission_requests_total\{[^}]*decision="denied"[^}]*\} 2"""));
        Assert.That(text, Does.Match("""acrguard_findings_total\{[^}]*rule="AG001"[^}]*\} 2"""));
    }

    [Test]
    public async Task Each_port_serves_only_its_own_endpoints()
    {
        PemFiles.Write(certPath, keyPath);
        using var host = await StartAsync();
        using var plain = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };
        using var tls = Client(HttpVersion.Version11, out _);

        using var reviewOnMetricsPort = await plain.PostAsync(new Uri("/validate", UriKind.Relative), Json());
        using var metricsOnWebhookPort = await tls.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.That(reviewOnMetricsPort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(metricsOnWebhookPort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Without_a_certificate_it_serves_with_a_self_signed_one_for_localhost()
    {
        options = options with { TlsCertPath = null, TlsKeyPath = null };
        using var host = await StartAsync();

        var (_, thumbprint, body) = await ReviewAsync();

        Assert.That(thumbprint, Is.Not.Null);
        Assert.That(body, Does.Contain("\"allowed\":false"));
    }

    [Test]
    public void A_missing_certificate_file_stops_the_start_naming_the_file()
    {
        var error = Assert.Throws<CertificateException>(() => WebhookHost.Build(options));

        Assert.That(error!.Message, Does.Contain(certPath));
    }

    [Test]
    public void A_key_that_does_not_match_stops_the_start()
    {
        PemFiles.Write(certPath, keyPath);
        var otherCert = Path.Combine(directory, "other.crt");
        PemFiles.Write(otherCert, Path.Combine(directory, "other.key"));
        options = options with { TlsCertPath = otherCert };

        var error = Assert.Throws<CertificateException>(() => WebhookHost.Build(options));

        Assert.That(error!.Message, Does.Contain("not a PEM certificate and its matching private key"));
    }

    [Test]
    public async Task Stopping_lets_a_review_in_flight_finish()
    {
        PemFiles.Write(certPath, keyPath);
        var host = await StartAsync();
        using var client = Client(HttpVersion.Version11, out _);
        var body = Encoding.UTF8.GetBytes(Reviews.Sample("deployment-misplaced-annotation.json"));
        var gate = new TaskCompletionSource();
        using var content = new HalfThenWaitContent(body, gate.Task);

        var review = client.PostAsync(new Uri("/validate", UriKind.Relative), content);
        await WaitForActiveReviewAsync();
        var stopping = host.StopAsync();
        await Task.Delay(300);
        gate.SetResult();

        using var response = await review;
        await stopping;
        host.Dispose();
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(text, Does.Contain("\"allowed\":false"));
    }

    [Test]
    public async Task A_shutdown_delay_keeps_serving_new_connections_while_readiness_fails()
    {
        PemFiles.Write(certPath, keyPath);
        options = options with { ShutdownDelay = TimeSpan.FromSeconds(2) };
        var host = await StartAsync();
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };

        // The first handshake and review compile their code: done before the stop, so that on a
        // loaded machine they do not eat the delay.
        await ReviewAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stopping = host.StopAsync();
        using (var ready = await metrics.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }

        // A fresh client: a new connection and handshake, as from a kube-apiserver that has not yet
        // seen this pod leave the endpoints. Answered at all, it was answered during the delay.
        var (_, _, body) = await ReviewAsync();
        Assert.That(body, Does.Contain("\"allowed\":false"));

        await stopping;
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)), "the host stopped before the delay ran out");
        host.Dispose();
        Assert.ThrowsAsync<HttpRequestException>(() => ReviewAsync(), "the port still answered after the stop");
    }

    // ASP.NET's own gauge tells when the server is inside the request, waiting for the rest of the body.
    private async Task WaitForActiveReviewAsync()
    {
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };
        for (var i = 0; i < 100; i++)
        {
            var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            if (System.Text.RegularExpressions.Regex.IsMatch(text, """http_server_active_requests\{[^}]*url_scheme="https"[^}]*\} 1"""))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the review never reached the server");
    }

    private async Task<IHost> StartAsync(CapturedLog? log = null)
    {
        var host = log is null ? WebhookHost.Build(options) : WebhookHost.CreateBuilder(options).ConfigureLogging(logging => logging.AddProvider(log)).Build();
        await host.StartAsync();
        (port, metricsPort) = BoundPorts.Of(host);
        return host;
    }

    private async Task<(Version Version, string? Thumbprint, string Body)> ReviewAsync(Version? version = null)
    {
        // A client per call: each makes a new connection, so each sees a fresh handshake.
        using var client = Client(version ?? HttpVersion.Version20, out var seen);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/validate")
        {
            Content = Json(),
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request);
        return (response.Version, seen.Thumbprint, await response.Content.ReadAsStringAsync());
    }

    private HttpClient Client(Version version, out SeenCertificate seen)
    {
        var captured = new SeenCertificate();
        seen = captured;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    // The tests pin what they expect by thumbprint; trust comes from that, not a chain.
                    captured.Thumbprint = (certificate as X509Certificate2)?.Thumbprint;
                    return captured.Thumbprint is not null;
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{port}"), DefaultRequestVersion = version };
    }

    private static StringContent Json() =>
        new(Reviews.Sample("deployment-misplaced-annotation.json"), Encoding.UTF8, "application/json");

    private sealed class SeenCertificate
    {
        public string? Thumbprint { get; set; }
    }
}
