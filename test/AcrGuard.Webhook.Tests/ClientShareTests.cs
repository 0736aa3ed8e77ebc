using System.Net;
using System.Net.Sockets;
using System.Text;
using AcrGuard.Testing;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// The connection slots and the request-body budget shared per client address on a real port, the
/// limits set small by option: one address that takes all it may is refused more, counted and
/// logged once, while another address still gets in. Clients bind 127.0.0.2 and up, which only
/// Linux routes to loopback as is.
/// </summary>
[Platform("Linux", Reason = "binds 127.0.0.2 and up as client addresses: Linux's loopback holds all of 127.0.0.0/8")]
public sealed class ClientShareTests
{
    private const int Capacity = 8;
    private const int PerClient = Capacity / 2;
    private static readonly IPAddress Greedy = SourceAddress.Loopback(2);
    private static readonly IPAddress Other = SourceAddress.Loopback(3);

    // 12 MiB: large bodies may hold 9 MiB of it, one client 6 MiB while others wait.
    private static readonly long Budget = 12L * 1024 * 1024;

    private CapturedLog log = null!;
    private IHost host = null!;
    private int port;
    private int metricsPort;

    [SetUp]
    public async Task Start()
    {
        log = new CapturedLog();
        var options = new ServeOptions
        {
            Port = 0,
            MetricsPort = 0,
            MaxConnections = Capacity,
            ClientSharePercent = 50,
            MaxInflightBytes = Budget,
            BudgetWait = TimeSpan.FromSeconds(2),
        };
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

    [Test]
    public async Task Past_its_share_of_the_budget_a_client_waits_behind_another_and_gets_429_counted_as_client_limit()
    {
        var budget = host.Services.GetRequiredService<RequestBudget>();

        // Alone, Greedy may hold 7 MiB, past its 6 MiB share: two bodies sent but for their last bytes.
        await using var held4 = await HoldBodyAsync(4 * Mi);
        await using var held3 = await HoldBodyAsync(3 * Mi);
        await WaitUntil(() => budget.InUse >= 7 * Mi);

        // Other's 4 MiB does not fit in what is left to large bodies: it waits, within its share.
        // Greedy's small review would fit, but waits behind it, and so does a second of Other's.
        using var other = SourceAddress.Client(Other, port);
        using var greedy = SourceAddress.Client(Greedy, port);
        var otherLarge = PostAsync(other, LargeReview(4 * Mi, "uid-other-large"));
        await WaitUntil(() => budget.Waiting == 1);
        var greedySmall = PostAsync(greedy, Reviews.Sample("deployment-cross-account.json"));
        await WaitUntil(() => budget.Waiting == 2);
        var otherLater = PostAsync(other, LargeReview(4 * Mi, "uid-other-later"));
        await WaitUntil(() => budget.Waiting == 3);

        var (otherSmall, otherSmallBody) = await other.PostAsync("/validate", Reviews.Sample("deployment-cross-account.json"));
        Assert.That(greedySmall.IsCompleted, Is.False, "Greedy's small review waits while Other's are answered");
        Assert.That((otherSmall, otherSmallBody.Response().GetProperty("allowed").GetBoolean()), Is.EqualTo((HttpStatusCode.OK, true)), "a small review within its client's share passes at once");

        var (status, retryAfter) = await greedySmall;
        var line = log.Entries.Where(e => e.Event.Name == "ClientBudgetLimit").ToList();
        var metrics = await MetricsAsync();
        Assert.Multiple(() =>
        {
            Assert.That((status, retryAfter), Is.EqualTo((HttpStatusCode.TooManyRequests, (TimeSpan?)TimeSpan.FromSeconds(1))));
            Assert.That(line, Has.Count.EqualTo(1));
            Assert.That(line[0].Fields["Remote"], Is.EqualTo("127.0.0.2"));
            Assert.That(line[0].Fields["Share"], Is.EqualTo(Budget / 2));
            Assert.That(metrics, Does.Match("""acrguard_admission_failures_total\{[^}]*reason="client_limit"[^}]*\} 1\b"""));
        });

        // Other's large reviews found no room (Greedy's bodies were admitted before them): plain
        // overload. With Greedy's bodies gone, Other's large review is judged.
        Assert.That(((await otherLarge).Status, (await otherLater).Status), Is.EqualTo((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests)));
        await held4.DisposeAsync();
        await held3.DisposeAsync();
        await WaitUntil(() => budget.InUse == 0);
        Assert.That((await PostAsync(other, LargeReview(4 * Mi, "uid-other-after"))).Status, Is.EqualTo(HttpStatusCode.OK));
        const string TwoOverloaded = """acrguard_admission_failures_total\{[^}]*reason="overloaded"[^}]*\} 2\b""";
        Assert.That(await MetricsMatchingAsync(TwoOverloaded), Does.Match(TwoOverloaded));
    }

    private const int Mi = 1024 * 1024;

    private static string LargeReview(int bytes, string uid) =>
        Reviews.Create(AdmissionReviewBodies.Annotate(TestObjects.Pod(), "example.com/notes", new string('x', bytes - 4096)), uid);

    private static async Task<(HttpStatusCode Status, TimeSpan? RetryAfter)> PostAsync(HttpClient client, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var response = await client.PostAsync(new Uri("/validate", UriKind.Relative), content);
        return (response.StatusCode, response.Headers.RetryAfter?.Delta);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.That(condition(), Is.True, "the budget did not get there in 5 s");
    }

    // A body of Greedy's, announced and sent but for its last bytes: its room held until the connection goes.
    private async Task<RawConnection> HoldBodyAsync(int bytes)
    {
        var connection = await RawConnection.OpenAsync(port, Greedy);
        await connection.SendAsync($"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {bytes}\r\n\r\n");
        await connection.SendAsync(new byte[64 * 1024]);
        return connection;
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

    // The Prometheus exporter answers a scrape from its cache for 300 ms after the last one
    // (PrometheusAspNetCoreOptions.ScrapeResponseCacheDurationMilliseconds), so a counter that
    // moved just after a scrape shows only in a later one: scrape until it matches, for 5 s at most.
    private async Task<string> MetricsMatchingAsync(string pattern)
    {
        var text = await MetricsAsync();
        for (var i = 0; i < 50 && !System.Text.RegularExpressions.Regex.IsMatch(text, pattern); i++)
        {
            await Task.Delay(100);
            text = await MetricsAsync();
        }

        return text;
    }

    private async Task<string> MetricsAsync()
    {
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };
        return await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }
}
