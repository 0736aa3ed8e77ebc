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
    public async Task Serve_with_no_flags_starts_on_the_default_ports()
    {
        // The README's "Running the webhook locally": a bare `serve` once failed its own port check.
        foreach (var port in new[] { 8443, 9090 })
        {
            Assert.That(await Answers(port), Is.False, $"port {port} is already in use on this machine: stop what listens there to run this test");
        }

        using var serve = await ServeProcess.StartAsync(defaultPorts: true);

        Assert.That(await serve.ReadyAsync(), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(serve.Output, Does.Contain("Now listening on: https://[::]:8443").And.Contain("Now listening on: http://[::]:9090"));
    }

    [Test]
    public async Task Sigterm_turns_readiness_off_keeps_serving_for_the_delay_then_exits_0()
    {
        var certs = Directory.CreateTempSubdirectory("acrguard-serve-").FullName;
        Assert.That(CliRun.Of("certs", "--out", certs, "--ip", "127.0.0.1").ExitCode, Is.Zero);
        using var expected = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certs, "tls.crt"));
        using var serve = await ServeProcess.StartAsync(flags: ["--tls-cert", Path.Combine(certs, "tls.crt"), "--tls-key", Path.Combine(certs, "tls.key"), "--shutdown-delay", "3"]);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            // Pinned: the certificate just made, not a chain to a trusted root.
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == expected.Thumbprint },
        });
        var review = File.ReadAllText(CliRun.InTestDirectory("reviews", "deployment-cross-account.json"));
        var stopwatch = Stopwatch.StartNew();

        serve.Terminate();
        await Task.Delay(500);
        var ready = await serve.ReadyAsync();
        using var answer = await client.PostAsync(new Uri($"https://127.0.0.1:{serve.Port}/validate"), new StringContent(review, System.Text.Encoding.UTF8, "application/json"));
        var exit = await serve.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(ready, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "readiness while delaying");
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a review sent during the delay");
            Assert.That(exit, Is.Zero, serve.Output);
            Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2.5)), "exited before the delay ran out");
            Assert.That(serve.Output, Does.Contain("\"EventName\":\"ShutdownDelay\"").Or.Contain("still serving for 3 s"));
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
        Assert.That(run.Stderr, Does.StartWith("acrguard: "));
    }

    [Test]
    public void A_port_in_use_exits_1_saying_it_cannot_listen()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = CliRun.Of("serve", "--port", Text(port), "--metrics-port", Text(FreePort()));

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Stderr, Does.Contain("acrguard: cannot listen"));
    }

    private static async Task<bool> Answers(int port)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
