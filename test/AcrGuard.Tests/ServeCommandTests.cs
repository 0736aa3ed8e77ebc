using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using AcrGuard.Testing;

namespace AcrGuard.Tests;

/// <summary>
/// <c>acrguard serve</c>'s refusals before it serves anything: each names what is wrong and exits 2
/// (bad flags, config or certificate) or 1 (the port cannot be bound).
/// </summary>
public class ServeCommandTests
{
    [TestCase("21")]
    [TestCase("-1")]
    public void A_shutdown_delay_out_of_range_is_a_usage_error(string seconds)
    {
        var run = CliRun.Of("serve", "--shutdown-delay", seconds);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("--shutdown-delay must be from 0 to 20 seconds"));
    }

    [TestCase("1Mi")]
    [TestCase("lots")]
    [TestCase("-48Mi")]
    [TestCase("48MB")]
    public void A_memory_budget_that_is_not_a_byte_count_of_at_least_10Mi_is_a_usage_error(string value)
    {
        var run = CliRun.Of("serve", "--max-inflight-bytes", value);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("--max-inflight-bytes must be a byte count of at least 10Mi").And.Contain(value));
    }

    [TestCase("--max-connections", "0", "--max-connections must be at least 1")]
    [TestCase("--client-share", "0", "--client-share must be a percentage from 1 to 100")]
    [TestCase("--client-share", "101", "--client-share must be a percentage from 1 to 100")]
    public void A_connection_limit_or_client_share_out_of_range_is_a_usage_error(string flag, string value, string message)
    {
        var run = CliRun.Of("serve", flag, value);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain(message));
    }

    [Test]
    public void A_client_name_without_a_client_ca_is_a_usage_error()
    {
        var run = CliRun.Of("serve", "--client-name", "kube-apiserver");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("--client-name needs a client CA"));
    }

    [Test]
    public void A_client_ca_that_cannot_be_read_stops_the_start_naming_it()
    {
        var missing = CliRun.Of("serve", "--client-ca", "/nonexistent/client-ca.crt");
        var notPem = CliRun.Of("serve", "--client-ca", CliRun.InTestDirectory("reviews", "deployment-cross-account.json"));

        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.EqualTo(2));
            Assert.That(missing.Stderr, Does.StartWith("acrguard: /nonexistent/client-ca.crt: cannot read the client CA"));
            Assert.That(notPem.ExitCode, Is.EqualTo(2));
            Assert.That(notPem.Stderr, Does.Contain("deployment-cross-account.json: no certificate in it"));
        });
    }

    [TestCase("50331648", 50331648L)]
    [TestCase("48Mi", 50331648L)]
    [TestCase("49152Ki", 50331648L)]
    [TestCase("1Gi", 1073741824L)]
    public void A_byte_count_is_read_plain_or_with_a_binary_suffix(string value, long bytes)
    {
        Assert.That(Commands.ByteSize.TryParse(value, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(bytes));
    }

    [Test]
    public void Without_port_flags_serve_takes_8443_and_9090_and_passes_its_own_port_check()
    {
        // The README's "Running the webhook locally": a bare `serve` once failed its own port check
        // ("must differ", both read as 0). A missing certificate stops it after that check and
        // before it binds anything, so the test needs neither port free.
        var help = CliRun.Of("serve", "--help");
        var bare = CliRun.Of("serve", "--tls-cert", "/nonexistent/tls.crt", "--tls-key", "/nonexistent/tls.key");

        Assert.Multiple(() =>
        {
            Assert.That(help.Stdout, Does.Match(@"--port <port>\s+HTTPS port of the webhook[^\n]*\[default: 8443\]"));
            Assert.That(help.Stdout, Does.Match(@"--metrics-port <metrics-port>\s+Plain HTTP port[^\n]*\[default: 9090\]"));
            Assert.That(bare.ExitCode, Is.EqualTo(2));
            Assert.That(bare.Stderr, Does.StartWith("acrguard: ").And.Contain("/nonexistent/tls.crt").And.Not.Contain("must differ"));
        });
    }

    [Test]
    public async Task Port_0_binds_free_ports_and_the_log_names_them()
    {
        using var serve = await ServeProcess.StartAsync();

        Assert.Multiple(() =>
        {
            Assert.That(serve.Port, Is.Not.EqualTo(serve.MetricsPort));
            Assert.That(serve.Output, Does.Contain($"Now listening on: https://[::]:{serve.Port}").And.Contain($"Now listening on: http://[::]:{serve.MetricsPort}"));
        });
    }

    [Test]
    public async Task Sigterm_turns_readiness_off_keeps_serving_for_the_delay_then_exits_0()
    {
        var certs = Directory.CreateTempSubdirectory("acrguard-serve-").FullName;
        Assert.That(CliRun.Of("certs", "--out", certs, "--ip", "127.0.0.1").ExitCode, Is.Zero);
        using var expected = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certs, "tls.crt"));
        using var serve = await ServeProcess.StartAsync("--tls-cert", Path.Combine(certs, "tls.crt"), "--tls-key", Path.Combine(certs, "tls.key"), "--shutdown-delay", "3");
        var review = File.ReadAllText(CliRun.InTestDirectory("reviews", "deployment-cross-account.json"));

        // One review first, on its own connection: the server's first TLS handshake and review
        // compile their code, which on a loaded machine could otherwise eat the delay.
        using (var warmUp = await PostAsync(serve, expected, review))
        {
            Assert.That(warmUp.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a review before SIGTERM");
        }

        var stopwatch = Stopwatch.StartNew();
        serve.Terminate();
        var ready = await ReadinessOnceStoppingAsync(serve);
        using var answer = await PostAsync(serve, expected, review);
        var exit = await serve.WaitForExitAsync(TimeSpan.FromSeconds(20));
        var delayLine = serve.Output.Split(Environment.NewLine).SingleOrDefault(l => l.Contains("\"Category\":\"AcrGuard.Webhook.Hosting.ShutdownDelay\"", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(ready, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "readiness while delaying");
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a review on a new connection during the delay");
            Assert.That(exit, Is.Zero, serve.Output);
            Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2.5)), "exited before the delay ran out");

            // The JSON console formatter writes the event's number, not its name.
            Assert.That(delayLine, Does.Contain("\"EventId\":30").And.Contain("still serving for 3 s"), serve.Output);
        });
    }

    [Test]
    public void The_same_port_for_reviews_and_metrics_is_a_usage_error()
    {
        var run = CliRun.Of("serve", "--port", "9443", "--metrics-port", "9443");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("--port and --metrics-port must differ"));
    }

    [Test]
    public void An_invalid_config_file_stops_the_start_naming_the_key()
    {
        var config = CliRun.TempFile("config.yaml", "mode: enforce\nrulez: {}\n");

        var run = CliRun.Of("serve", "--config", config);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith("acrguard: ").And.Contain("rulez"));
    }

    [Test]
    public void A_missing_key_file_stops_the_start_naming_it()
    {
        var cert = CliRun.TempFile("tls.crt", "not a certificate");

        var run = CliRun.Of("serve", "--tls-cert", cert, "--tls-key", cert + ".missing");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith("acrguard: cannot read the TLS certificate or key: ").And.Contain(cert + ".missing"));
    }

    [Test]
    public void A_port_in_use_exits_1_saying_it_cannot_listen()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = CliRun.Of("serve", "--port", Text(port), "--metrics-port", "0");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Stderr, Does.Contain("acrguard: cannot listen"));
    }

    // A new client, so a new connection and TLS handshake, as from a kube-apiserver that has not
    // yet seen the pod leave the endpoints. Pinned: the certificate just made, not a chain to a trusted root.
    private static async Task<HttpResponseMessage> PostAsync(ServeProcess serve, X509Certificate2 expected, string review)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == expected.Thumbprint },
        });
        return await client.PostAsync(new Uri($"https://127.0.0.1:{serve.Port}/validate"), new StringContent(review, System.Text.Encoding.UTF8, "application/json"));
    }

    // Polled rather than read after a fixed sleep: the signal takes its own time to arrive.
    private static async Task<HttpStatusCode?> ReadinessOnceStoppingAsync(ServeProcess serve)
    {
        HttpStatusCode? ready = null;
        for (var i = 0; i < 40 && ready != HttpStatusCode.ServiceUnavailable; i++)
        {
            await Task.Delay(50);
            ready = await serve.ReadyAsync();
        }

        return ready;
    }

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
