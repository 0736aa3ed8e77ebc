using System.Net;
using System.Security.Cryptography.X509Certificates;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// <c>serve --client-ca</c> on a real port: the TLS handshake requires a client certificate of the
/// client CA (and, with <c>--client-name</c>, one of the names); anything else gets no HTTP answer
/// at all, counted and logged without the certificate's contents. The client CA reloads like the
/// serving certificate; the metrics port stays plain HTTP.
/// </summary>
public sealed class ClientCertificateTests
{
    private string directory = null!;
    private string caPath = null!;
    private ClientCertificates cluster = null!;
    private ClientCertificates stranger = null!;
    private CapturedLog log = null!;
    private IHost? host;
    private int port;
    private int metricsPort;

    [SetUp]
    public void CreateCertificates()
    {
        directory = Directory.CreateTempSubdirectory("acrguard-client-ca-").FullName;
        caPath = Path.Combine(directory, "ca.crt");
        cluster = new ClientCertificates("kubernetes-webhook-client-ca");
        stranger = new ClientCertificates("some-other-ca");
        cluster.WriteTo(caPath);
        log = new CapturedLog();
    }

    [TearDown]
    public async Task Stop()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }

        log.Dispose();
        cluster.Dispose();
        stranger.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task A_certificate_of_the_client_ca_is_served()
    {
        await StartAsync();
        using var certificate = cluster.Issue("kube-apiserver");

        var (status, body) = await ReviewAsync(certificate);

        Assert.That((status, body), Is.EqualTo((HttpStatusCode.OK, true)));
    }

    [Test]
    public async Task A_certificate_of_another_ca_gets_no_http_answer_counted_and_logged_without_its_contents()
    {
        await StartAsync();
        using var certificate = stranger.Issue("kube-apiserver-impostor");

        var refused = await RefusedAsync(certificate);

        var line = log.Entries.Single(e => e.Event.Name == "ClientCertificateRefused");
        Assert.Multiple(async () =>
        {
            Assert.That(refused, Is.True, "the handshake failed: no HTTP answer");
            Assert.That(line.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(line.Fields["Remote"], Is.EqualTo("127.0.0.1"));
            Assert.That((string)line.Fields["Problem"]!, Does.StartWith("not a client certificate of the client CA (").And.Contain("PartialChain"), "its issuer is not among the client CA's certificates");
            Assert.That(string.Join(" ", line.Fields.Values), Does.Not.Contain("impostor").And.Not.Contain("some-other-ca").And.Not.Contain(certificate.Thumbprint), "nothing of the certificate");
            Assert.That(await MetricsAsync(), Does.Match("""acrguard_admission_failures_total\{[^}]*reason="client_certificate"[^}]*\} 1\b"""));
        });
    }

    [Test]
    public async Task No_certificate_gets_no_http_answer()
    {
        await StartAsync();

        var refused = await RefusedAsync(certificate: null);

        Assert.That(refused, Is.True);
        Assert.That(log.Entries.Single(e => e.Event.Name == "ClientCertificateRefused").Fields["Problem"], Is.EqualTo("no client certificate"));
    }

    [Test]
    public async Task A_certificate_of_the_client_ca_for_servers_only_gets_no_http_answer()
    {
        await StartAsync();
        using var certificate = cluster.Issue("kube-apiserver", serverOnly: true);

        Assert.That(await RefusedAsync(certificate), Is.True);
        Assert.That(log.Entries.Single(e => e.Event.Name == "ClientCertificateRefused").Fields["Problem"], Does.Contain("NotValidForUsage"));
    }

    [Test]
    public async Task With_client_names_a_certificate_needs_one_of_them_as_its_cn_or_a_dns_name()
    {
        await StartAsync(["kube-apiserver", "apiserver.acrguard.example"]);
        using var byCommonName = cluster.Issue("kube-apiserver");
        using var byDnsName = cluster.Issue("apiserver-7f9c", ["apiserver.acrguard.example"]);
        using var wrongName = cluster.Issue("intruder", ["intruder.acrguard.example"]);

        var accepted = ((await ReviewAsync(byCommonName)).Status, (await ReviewAsync(byDnsName)).Status);
        var refused = await RefusedAsync(wrongName);

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
            Assert.That(refused, Is.True, "a certificate of the client CA with another name");
            Assert.That(log.Entries.Single(e => e.Event.Name == "ClientCertificateRefused").Fields["Problem"], Is.EqualTo("its subject CN and DNS names are none of --client-name"));
        });
    }

    [Test]
    public async Task A_client_ca_replaced_on_disk_is_used_by_the_next_handshake_and_a_bad_one_is_refused()
    {
        await StartAsync();
        using var before = cluster.Issue("kube-apiserver");
        using var after = stranger.Issue("kube-apiserver");
        Assert.That((await ReviewAsync(before)).Status, Is.EqualTo(HttpStatusCode.OK));

        stranger.WriteTo(caPath);
        var reloaded = await EventuallyAsync(async () => (await TryReviewAsync(after)) == HttpStatusCode.OK);
        var oldRefused = await RefusedAsync(before);

        await File.WriteAllTextAsync(caPath, "-----BEGIN CERTIFICATE-----\ntruncated");
        var refusedLine = await EventuallyAsync(() => Task.FromResult(log.Entries.Any(e => e.Event.Name == "ClientCaRefused")));
        var kept = await TryReviewAsync(after);

        var metrics = await MetricsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(reloaded, Is.True, "a certificate of the new CA is served after the swap");
            Assert.That(oldRefused, Is.True, "and one of the old CA is not");
            Assert.That(refusedLine, Is.True, "a ClientCaRefused line for the truncated file");
            Assert.That(kept, Is.EqualTo(HttpStatusCode.OK), "the last good client CA still serves");
            Assert.That(metrics, Does.Match("""acrguard_reloads_total\{[^}]*result="success"[^}]*what="client_ca"[^}]*\} 1\b"""));
            Assert.That(metrics, Does.Match("""acrguard_reloads_total\{[^}]*result="failure"[^}]*what="client_ca"[^}]*\} [1-9]"""));
        });
    }

    [Test]
    public async Task The_metrics_port_stays_plain_http_without_a_certificate()
    {
        await StartAsync();

        using var probes = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };
        using var ready = await probes.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_client_ca_can_come_from_the_configuration_file_beside_it()
    {
        var config = Path.Combine(directory, "config.yaml");
        await File.WriteAllTextAsync(config, "mode: enforce\ntls:\n  clientCA: ca.crt\n");
        await StartAsync(configPath: config, clientCaPath: null);
        using var certificate = cluster.Issue("kube-apiserver");

        Assert.That((await ReviewAsync(certificate)).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await RefusedAsync(certificate: null), Is.True);
    }

    private async Task StartAsync(string[]? names = null, string? configPath = null, string? clientCaPath = "")
    {
        var options = new ServeOptions
        {
            Port = 0,
            MetricsPort = 0,
            ConfigPath = configPath,
            ClientCaPath = clientCaPath == string.Empty ? caPath : clientCaPath,
            ClientNames = names ?? [],
            ReloadInterval = TimeSpan.FromMilliseconds(200),
        };
        host = WebhookHost.CreateBuilder(options).ConfigureLogging(logging => logging.AddProvider(log)).Build();
        await host.StartAsync();
        (port, metricsPort) = BoundPorts.Of(host);
    }

    private async Task<(HttpStatusCode Status, bool Allowed)> ReviewAsync(X509Certificate2? certificate)
    {
        using var client = Client(certificate);
        var (status, body) = await client.PostAsync("/validate", Reviews.Sample("deployment-cross-account.json"));
        return (status, body.Response().GetProperty("allowed").GetBoolean());
    }

    private async Task<HttpStatusCode?> TryReviewAsync(X509Certificate2? certificate)
    {
        try
        {
            return (await ReviewAsync(certificate)).Status;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    // The handshake fails (TLS 1.2), or the server's alert follows it (TLS 1.3, where the client
    // finishes first): either way the request meets a closed connection, never an HTTP status.
    private async Task<bool> RefusedAsync(X509Certificate2? certificate)
    {
        try
        {
            await ReviewAsync(certificate);
            return false;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    private HttpClient Client(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, _) => server is not null;
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), DefaultRequestVersion = HttpVersion.Version20 };
    }

    private async Task<string> MetricsAsync()
    {
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };
        return await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
