using System.Net;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Reload;
using AcrGuard.Webhook.Telemetry;
using AcrGuard.Webhook.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// A fault nobody planned for (here: the transport's body stream throwing something other than
/// an abort) is logged with its exception, counted, and answered by the mode: enforce refuses with
/// code 500 inside an HTTP 200, audit allows. Never a 5xx, never a crash; the next review is fine.
/// </summary>
public sealed class FaultTests
{
    private const string FaultHeader = "x-test-fault";

    [TestCase("/validate/enforce", false)]
    [TestCase("/validate/audit", true)]
    public async Task A_fault_during_a_review_is_logged_counted_and_answered_by_the_mode(string path, bool allowed)
    {
        using var log = new CapturedLog();
        using var factory = new WebhookFactory(log: log);
        using var faulty = factory.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddTransient<IStartupFilter, BrokenBodyOnRequest>()));
        using var client = faulty.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(WebhookFactory.WebhookBase) });

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(Reviews.Sample("deployment-cross-account.json"), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(FaultHeader, "1");
        using var response = await client.SendAsync(request);
        var answer = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Response();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.GetProperty("allowed").GetBoolean(), Is.EqualTo(allowed));
        if (!allowed)
        {
            Assert.That(answer.GetProperty("status").GetProperty("code").GetInt32(), Is.EqualTo(500));
            Assert.That(answer.GetProperty("status").GetProperty("message").GetString(), Does.Contain("see its log"));
        }

        var fault = log.Entries.Single(e => e.Event.Name == "Fault");
        Assert.That((fault.Level, fault.Exception?.Message), Is.EqualTo((LogLevel.Error, "the transport broke")));

        using var metrics = faulty.CreateClient();
        var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.That(text, Does.Match("""acrguard_admission_failures_total\{[^}]*reason="exception"[^}]*\} 1"""));

        var (status, next) = await client.PostAsync("/validate", Reviews.Sample("deployment-cross-account.json"));
        Assert.That((status, next.Response().GetProperty("allowed").GetBoolean()), Is.EqualTo((HttpStatusCode.OK, true)));
    }

    [TestCase("/validate/enforce", false)]
    [TestCase("/validate/audit", true)]
    public async Task A_rule_that_throws_is_answered_with_the_request_uid_in_either_mode(string path, bool allowed)
    {
        using var log = new CapturedLog();
        using var factory = new WebhookFactory(log: log);
        using var faulty = factory.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton(provider => new ReviewHandler(
            provider.GetRequiredService<ConfigStore>(),
            provider.GetRequiredService<RequestBudget>(),
            provider.GetRequiredService<ServeOptions>(),
            provider.GetRequiredService<OverloadLog>(),
            provider.GetRequiredService<WebhookMetrics>(),
            provider.GetRequiredService<ILogger<ReviewHandler>>(),
            (_, _, _) => throw new InvalidOperationException("a rule broke")))));
        using var client = faulty.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(WebhookFactory.WebhookBase) });
        var body = Reviews.Sample("deployment-cross-account.json");
        var uid = Reviews.Parse(body).GetProperty("request").GetProperty("uid").GetString();

        var (status, review) = await client.PostAsync(path, body);
        var answer = review.Response();

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.GetProperty("uid").GetString(), Is.EqualTo(uid).And.Not.Empty);
        Assert.That(answer.GetProperty("allowed").GetBoolean(), Is.EqualTo(allowed));
        if (!allowed)
        {
            Assert.That(answer.GetProperty("status").GetProperty("code").GetInt32(), Is.EqualTo(500));
        }

        var fault = log.Entries.Single(e => e.Event.Name == "Fault");
        Assert.That((fault.Fields["Uid"], fault.Fields["Mode"], fault.Exception?.Message), Is.EqualTo((uid, allowed ? "audit" : "enforce", "a rule broke")));
        using var metrics = faulty.CreateClient();
        var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.That(text, Does.Match("""acrguard_admission_failures_total\{[^}]*reason="exception"[^}]*\} 1"""));
    }

    // Swaps the body of a marked request for one that fails when read, ahead of the webhook's pipeline.
    private sealed class BrokenBodyOnRequest : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.ContainsKey(FaultHeader))
                {
                    context.Request.Body = new BrokenStream();
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class BrokenStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("the transport broke");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the transport broke");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
