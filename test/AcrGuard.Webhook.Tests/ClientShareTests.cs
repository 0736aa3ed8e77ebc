using System.Net;
using System.Net.Sockets;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// The connection slots shared per client address on a real port, the limit set small by option:
/// one address that takes all it may is refused more, counted and logged once, while another
/// address still gets in. Clients bind 127.0.0.2 and up, which only Linux routes to loopback as is.
/// </summary>
[Platform("Linux", Reason = "binds 127.0.0.2 and up as client addresses: Linux's loopback holds all of 127.0.0.0/8")]
public sealed class ClientShareTests
{
    private const int Capacity = 8;
    private const int PerClient = Capacity / 2;
    private static readonly IPAddress Greedy = SourceAddress.Loopback(2);

    private CapturedLog log = null!;
    private IHost host = null!;
    private int port;
    private int metricsPort;

    [SetUp]
    public async Task Start()
    {
        log = new CapturedLog();
        var options = new ServeOptions { Port = 0, MetricsPort = 0, MaxConnections = Capacity, ClientSharePercent = 50 };
        host = WebhookHost.CreateBuilder(options).ConfigureLogging(logging => logging.AddProvider(log)).Build();
        await host.StartAsync();
        (port, metricsPort) = BoundPorts.Of(host);
    }

    [TearDown]
    public async Task Stop()
    {
        await host.StopAsync();
        host.Dispose();
        log.Dispose();
    }

    [Test]
    public async Task An_address_holding_its_share_is_refused_while_another_address_gets_in()
    {
        var held = await HoldAsync(Greedy, PerClient);
        try
        {
            using var over = await SourceAddress.ConnectAsync(Greedy, port);
            using var again = await SourceAddress.ConnectAsync(Greedy, port);
            var closed = (await SourceAddress.ClosedAtOnceAsync(over), await SourceAddress.ClosedAtOnceAsync(again));

            using var other = SourceAddress.Client(SourceAddress.Loopback(3), port);
            var (status, body) = await other.PostAsync("/validate", Reviews.Sample("deployment-cross-account.json"));

            var lines = log.Entries.Where(e => e.Event.Name == "ClientConnectionLimit").ToList();
            Assert.Multiple(async () =>
            {
                Assert.That(closed, Is.EqualTo((true, true)), "the connections past the share were closed at once");
                Assert.That((status, body.Response().GetProperty("allowed").GetBoolean()), Is.EqualTo((HttpStatusCode.OK, true)), "another address is served");
                Assert.That(lines, Has.Count.EqualTo(1), "one log line for the burst of two refusals");
                Assert.That(lines[0].Level, Is.EqualTo(LogLevel.Warning));
                Assert.That(lines[0].Fields["Remote"], Is.EqualTo("127.0.0.2"), "the address, as IPv4");
                Assert.That(lines[0].Fields["PerClient"], Is.EqualTo(PerClient));
                Assert.That(await MetricsAsync(), Does.Match("""acrguard_admission_failures_total\{[^}]*reason="client_limit"[^}]*\} 2\b"""));
            });
        }
        finally
        {
            held.ForEach(tcp => tcp.Dispose());
        }
    }

    [Test]
    public async Task An_address_gets_its_slots_back_as_its_connections_close()
    {
        var held = await HoldAsync(Greedy, PerClient);
        held.ForEach(tcp => tcp.Dispose());

        // Closed by the client, given back once the server has seen each go.
        HttpStatusCode? status = null;
        for (var attempt = 0; attempt < 50 && status is null; attempt++)
        {
            try
            {
                using var greedy = SourceAddress.Client(Greedy, port);
                (status, _) = await greedy.PostAsync("/validate", Reviews.Sample("deployment-cross-account.json"));
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Past_the_whole_limit_the_webhook_port_closes_new_connections_while_the_probes_answer()
    {
        // Two addresses at their share fill the port: Kestrel's own limit closes the next from a third.
        var held = await HoldAsync(Greedy, PerClient);
        held.AddRange(await HoldAsync(SourceAddress.Loopback(3), PerClient));
        try
        {
            using var extra = await SourceAddress.ConnectAsync(SourceAddress.Loopback(4), port);
            Assert.That(await SourceAddress.ClosedAtOnceAsync(extra), Is.True, "the connection over the limit was closed at once");

            using var probes = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };
            using var ready = await probes.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the metrics port counts its connections apart");
            var metrics = await MetricsAsync();
            Assert.That(metrics, Does.Match(@"kestrel_rejected_connections_total\{[^}]*\} [1-9]"), "the refusal is counted by Kestrel");
            Assert.That(metrics, Does.Not.Contain("reason=\"client_limit\""), "and not as a client over its share");
        }
        finally
        {
            held.ForEach(tcp => tcp.Dispose());
        }
    }

    // Connections that each got past the share and the TLS listener's accept: the server has
    // counted them once a first byte was exchanged. A TLS ClientHello is sent and its answer read.
    private async Task<List<TcpClient>> HoldAsync(IPAddress source, int count)
    {
        var held = new List<TcpClient>();
        for (var i = 0; i < count; i++)
        {
            var tcp = await SourceAddress.ConnectAsync(source, port);
            held.Add(tcp);
            var tls = new System.Net.Security.SslStream(tcp.GetStream(), leaveInnerStreamOpen: true, (_, certificate, _, _) => certificate is not null);
            await tls.AuthenticateAsClientAsync("localhost");
        }

        return held;
    }

    private async Task<string> MetricsAsync()
    {
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };
        return await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }
}
