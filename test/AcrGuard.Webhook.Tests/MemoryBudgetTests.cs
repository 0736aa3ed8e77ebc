using System.Net;
using System.Text;
using AcrGuard.Testing;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// The request budget on a real server, set small by option: large bodies past it wait, then get
/// HTTP 429 with Retry-After, counted and logged once per burst, while small reviews pass.
/// </summary>
public sealed class MemoryBudgetTests
{
    private const int Large = 4 * 1024 * 1024;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    [Test]
    public async Task Past_the_budget_large_bodies_get_429_with_retry_after_while_small_reviews_pass()
    {
        using var log = new CapturedLog();
        var options = new ServeOptions
        {
            Port = 0,
            MetricsPort = 0,
            MaxInflightBytes = RequestBudget.MinimumBytes,
            BudgetWait = Wait,
        };
        using var host = WebhookHost.CreateBuilder(options).ConfigureLogging(logging => logging.AddProvider(log)).Build();
        await host.StartAsync();
        var (port, metricsPort) = BoundPorts.Of(host);
        try
        {
            var budget = host.Services.GetRequiredService<RequestBudget>();
            using var client = Http2Client(port);

            // 10 MiB, of which large bodies may hold 7.5 MiB: one 4 MiB body held (sent but for its last bytes) leaves no room for another.
            await using var held = await RawConnection.OpenAsync(port);
            await held.SendAsync($"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {Large}\r\n\r\n");
            await held.SendAsync(new byte[64 * 1024]);
            await WaitUntil(() => budget.InUse >= Large);

            var refused = PostAsync(client, LargeReview("uid-large-1"));
            var (smallStatus, small) = await client.PostAsync("/validate", Reviews.Sample("deployment-cross-account.json"));
            Assert.That(refused.IsCompleted, Is.False, "the small review was answered while the large one still waited");
            Assert.That((smallStatus, small.Response().GetProperty("allowed").GetBoolean()), Is.EqualTo((HttpStatusCode.OK, true)));

            var (status, retryAfter, answer) = await refused;
            Assert.That(status, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(answer.Response().GetProperty("status").GetProperty("code").GetInt32(), Is.EqualTo(429));
            Assert.That(answer.Response().GetProperty("status").GetProperty("reason").GetString(), Is.EqualTo("TooManyRequests"));

            var (second, _, _) = await PostAsync(client, LargeReview("uid-large-2"));
            Assert.That(second, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(log.Entries.Count(e => e.Event.Name == "Overloaded"), Is.EqualTo(1), "one log line for the burst");
            Assert.That(log.Entries.Count(e => e.Event.Name == "BadRequest"), Is.Zero, "no log line per refusal");

            using var metrics = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };
            var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.That(text, Does.Match("""acrguard_admission_failures_total\{[^}]*reason="overloaded"[^}]*\} 2"""));

            // The held body gone, its room comes back: a large review is judged again.
            await held.DisposeAsync();
            await WaitUntil(() => budget.InUse == 0);
            var (after, _, judged) = await PostAsync(client, LargeReview("uid-large-3"));
            Assert.That((after, judged.Response().GetProperty("uid").GetString()), Is.EqualTo((HttpStatusCode.OK, "uid-large-3")));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public async Task A_body_admitted_but_slower_than_the_client_timeout_gives_its_room_back_with_408()
    {
        var options = new ServeOptions
        {
            Port = 0,
            MetricsPort = 0,
            ClientTimeout = TimeSpan.FromSeconds(2),
        };
        using var host = WebhookHost.Build(options);
        await host.StartAsync();
        var (port, metricsPort) = BoundPorts.Of(host);
        try
        {
            var budget = host.Services.GetRequiredService<RequestBudget>();
            await using var slow = await RawConnection.OpenAsync(port);
            await slow.SendAsync($"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {Large}\r\n\r\n");
            var reading = slow.ReadUntilClosedAsync(TimeSpan.FromSeconds(10));

            // Well over Kestrel's 240 bytes/s, so only the deadline on the whole body can end it.
            for (var i = 0; i < 40 && !reading.IsCompleted; i++)
            {
                try
                {
                    await slow.SendAsync(new byte[16 * 1024]);
                }
                catch (IOException)
                {
                    break;
                }

                await Task.Delay(100);
            }

            var (text, _) = await reading;
            Assert.That(text, Does.StartWith("HTTP/1.1 408"));
            Assert.That(budget.InUse, Is.Zero);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static string LargeReview(string uid) =>
        Reviews.Create(AdmissionReviewBodies.Annotate(TestObjects.Pod(), "example.com/notes", new string('x', Large - 4096)), uid);

    private static async Task<(HttpStatusCode Status, TimeSpan? RetryAfter, System.Text.Json.JsonElement Body)> PostAsync(HttpClient client, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var response = await client.PostAsync(new Uri("/validate", UriKind.Relative), content);
        var answer = Reviews.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, response.Headers.RetryAfter?.Delta, answer);
    }

    private static HttpClient Http2Client(int port)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null;
        return new HttpClient(handler)
        {
            BaseAddress = new Uri($"https://localhost:{port}"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.That(condition(), Is.True, "the budget did not reach the expected state within 5 s");
    }
}
