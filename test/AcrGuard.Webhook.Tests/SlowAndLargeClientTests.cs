using System.Diagnostics;
using System.Net;
using System.Text;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// Clients that hold a slot (trickled headers or body) or send far too much, on real sockets:
/// each gets a 4xx or a closed connection within the limits, and the next review is answered.
/// </summary>
public sealed class SlowAndLargeClientTests
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(2);
    private IHost host = null!;
    private int port;

    [OneTimeSetUp]
    public async Task Start()
    {
        host = WebhookHost.Build(new ServeOptions
        {
            Port = 0,
            MetricsPort = 0,
            ClientTimeout = ClientTimeout,
        });
        await host.StartAsync();
        port = BoundPorts.Of(host).Webhook;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await host.StopAsync();
        host.Dispose();
    }

    [Test]
    public async Task Trickled_headers_are_cut_off_after_the_client_timeout()
    {
        await using var connection = await RawConnection.OpenAsync(port);
        var clock = Stopwatch.StartNew();

        var sentAll = await connection.TrickleAsync("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Padding: " + new string('x', 100), TimeSpan.FromMilliseconds(100));
        var (text, closed) = await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(10));

        Assert.That(sentAll && !closed, Is.False, "the server hung up on the trickle");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)));
        Assert.That(text, Is.Empty.Or.StartWith("HTTP/1.1 408"));
        await AssertStillServing();
    }

    [Test]
    public async Task A_trickled_body_is_cut_off_below_the_minimum_rate()
    {
        await using var connection = await RawConnection.OpenAsync(port);
        var body = Reviews.Sample("deployment-misplaced-annotation.json");
        await connection.SendAsync($"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n");
        var clock = Stopwatch.StartNew();

        var reading = connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(15));
        await connection.TrickleAsync(body[..200], TimeSpan.FromMilliseconds(100));
        var (text, closed) = await reading;

        Assert.That(closed, Is.True, "the connection was closed");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(12)));
        Assert.That(text, Is.Empty.Or.StartWith("HTTP/1.1 408").Or.StartWith("HTTP/1.1 400"));
        await AssertStillServing();
    }

    [Test]
    public async Task A_40_MiB_body_announced_by_its_length_gets_413_at_once()
    {
        await using var connection = await RawConnection.OpenAsync(port);
        await connection.SendAsync($"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {40 * 1024 * 1024}\r\n\r\n");
        var reading = connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(10));
        try
        {
            await connection.SendAsync(new byte[64 * 1024]);
        }
        catch (IOException)
        {
            // Refused "at once" can mean before these bytes are all sent: the answer is what counts.
        }

        var (text, _) = await reading;

        Assert.That(text, Does.StartWith("HTTP/1.1 413"));
        Assert.That(text, Does.Contain("RequestEntityTooLarge"));
        await AssertStillServing();
    }

    [Test]
    public async Task A_40_MiB_chunked_body_is_refused_with_413_once_past_the_limit()
    {
        await using var connection = await RawConnection.OpenAsync(port);
        await connection.SendAsync("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        var chunk = Encoding.ASCII.GetBytes($"{1024 * 1024:x}\r\n{new string('[', 1024 * 1024)}\r\n");
        var reading = connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(20));
        for (var i = 0; i < 40; i++)
        {
            try
            {
                await connection.SendAsync(chunk);
            }
            catch (IOException)
            {
                break;
            }
        }

        var (text, _) = await reading;

        Assert.That(text, Does.StartWith("HTTP/1.1 413"));
        await AssertStillServing();
    }

    private async Task AssertStillServing()
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null;
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{port}") };
        var (status, answer) = await client.PostAsync("/validate", Reviews.Sample("deployment-misplaced-annotation.json"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.Response().GetProperty("allowed").GetBoolean(), Is.False);
    }
}
