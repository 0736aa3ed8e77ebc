using System.Net;
using System.Text;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// <c>acrguard_admission_failures_total</c>'s reasons that only a misbehaving client causes: a body
/// over the limit (too_large) and a client that goes away mid-request (aborted).
/// </summary>
public sealed class FailureCountersTests
{
    [Test]
    public async Task A_body_over_7_MiB_gets_413_is_logged_and_counted_as_too_large()
    {
        using var log = new CapturedLog();
        using var factory = new WebhookFactory(log: log);
        using var webhook = factory.Webhook();
        using var metrics = factory.CreateClient();

        // A real review padded past the limit with a long label, as a runaway generator would make it.
        var review = Reviews.Sample("deployment-cross-account.json").Replace("\"labels\": {", $"\"labels\": {{\"padding\": \"{new string('x', 7 * 1024 * 1024)}\",", StringComparison.Ordinal);
        var (status, body) = await webhook.PostAsync("/validate", review);
        var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(body.Response().GetProperty("status").GetProperty("message").GetString(), Is.EqualTo("the body is over 7 MiB"));
            Assert.That(text, Does.Match("""acrguard_admission_failures_total\{[^}]*reason="too_large"[^}]*\} 1"""));
            Assert.That(text, Does.Not.Match("""acrguard_admission_failures_total\{[^}]*reason="bad_request"""));
            Assert.That(log.Entries.Where(e => e.Event.Name == "BadRequest").Select(e => e.Fields["Status"]), Is.EqualTo(new object?[] { 413 }));
        });
    }

    [Test]
    public async Task A_review_the_client_gives_up_mid_body_is_counted_as_aborted_not_as_a_bad_request()
    {
        using var log = new CapturedLog();
        using var host = WebhookHost.CreateBuilder(new ServeOptions { Port = 0, MetricsPort = 0 })
            .ConfigureLogging(logging => logging.AddProvider(log))
            .Build();
        await host.StartAsync();
        try
        {
            var (port, metricsPort) = BoundPorts.Of(host);
            using var metrics = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };
            var body = Reviews.Sample("deployment-misplaced-annotation.json");

            // HTTP/2, as kube-apiserver speaks it: a request given up (its timeoutSeconds) is a
            // reset stream, on a connection that stays open for the next reviews.
            using var handler = new SocketsHttpHandler();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null;
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{port}"), DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            var gate = new TaskCompletionSource();
            using var content = new HalfThenWaitContent(Encoding.UTF8.GetBytes(body), gate.Task);
            using var giveUp = new CancellationTokenSource();
            var review = client.PostAsync(new Uri("/validate", UriKind.Relative), content, giveUp.Token);
            await WaitForActiveReviewAsync(metrics);
            await giveUp.CancelAsync();
            Assert.That(async () => await review, Throws.InstanceOf<OperationCanceledException>());
            gate.SetResult();

            var text = await Eventually(metrics, """acrguard_admission_failures_total\{[^}]*reason="aborted"[^}]*\} 1""");
            Assert.Multiple(() =>
            {
                Assert.That(text, Does.Match("""acrguard_admission_failures_total\{[^}]*reason="aborted"[^}]*\} 1"""));
                Assert.That(text, Does.Not.Match("""acrguard_admission_failures_total\{[^}]*reason="(bad_request|exception)"""));
                Assert.That(log.Entries.Where(e => e.Category.StartsWith("AcrGuard.Webhook.Hosting.", StringComparison.Ordinal) && e.Level >= LogLevel.Warning), Is.Empty, "a client going away is not a problem of the webhook");
            });
        }
        finally
        {
            await host.StopAsync();
        }
    }

    // ASP.NET's own gauge tells when the server is inside the request, waiting for the rest of the body.
    private static async Task WaitForActiveReviewAsync(HttpClient metrics) =>
        await Eventually(metrics, """http_server_active_requests\{[^}]*url_scheme="https"[^}]*\} 1""");

    private static async Task<string> Eventually(HttpClient metrics, string pattern)
    {
        var text = string.Empty;
        for (var i = 0; i < 100 && !System.Text.RegularExpressions.Regex.IsMatch(text, pattern); i++)
        {
            await Task.Delay(50);
            text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }

        return text;
    }
}
