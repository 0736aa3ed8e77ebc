using System.Net;
using AcrGuard.Webhook.Tests.Support;

namespace AcrGuard.Webhook.Tests;

/// <summary>The metrics port's endpoints: Prometheus text with the contract's names, and the probes.</summary>
public sealed class OperationsEndpointsTests
{
    [Test]
    public async Task Metrics_count_reviews_by_verdict_and_findings_by_rule()
    {
        using var factory = new WebhookFactory();
        using var webhook = factory.Webhook();
        using var metrics = factory.CreateClient();
        await webhook.PostAsync("/validate", Reviews.Sample("deployment-misplaced-annotation.json"));
        await webhook.PostAsync("/validate/audit", Reviews.Sample("deployment-misplaced-annotation.json"));
        await webhook.PostAsync("/validate", "not json");

        var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.That(text, Does.Match("""acrguard_admission_requests_total\{[^}]*decision="denied"[^}]*dry_run="false"[^}]*kind="Deployment"[^}]*mode="enforce"[^}]*operation="CREATE"[^}]*\} 1"""));
        Assert.That(text, Does.Match("""acrguard_admission_requests_total\{[^}]*decision="allowed"[^}]*mode="audit"[^}]*\} 1"""));
        Assert.That(text, Does.Match("""acrguard_findings_total\{[^}]*rule="AG001"[^}]*severity="error"[^}]*\} 1"""));
        Assert.That(text, Does.Match("""acrguard_findings_total\{[^}]*rule="AG001"[^}]*severity="warning"[^}]*\} 1"""));
        Assert.That(text, Does.Match("""acrguard_admission_duration_seconds_count\{[^}]*\} 3"""));
        Assert.That(text, Does.Match("""acrguard_admission_failures_total\{[^}]*reason="bad_request"[^}]*\} 1"""));
        Assert.That(text, Does.Contain("http_server_request_duration_seconds"), "ASP.NET Core's own server metrics");
    }

    [Test]
    public async Task Metrics_keep_the_review_durations_sub_millisecond_buckets()
    {
        using var factory = new WebhookFactory();
        using var webhook = factory.Webhook();
        using var metrics = factory.CreateClient();
        await webhook.PostAsync("/validate", Reviews.Sample("deployment-misplaced-annotation.json"));

        var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.That(text, Does.Match("""acrguard_admission_duration_seconds_bucket\{[^}]*le="0.0001"[^}]*\} """), "the sub-millisecond buckets of MetricViews");
        Assert.That(text, Does.Match("""acrguard_admission_duration_seconds_bucket\{[^}]*le="5"[^}]*\} 1"""));
    }

    [TestCase("/healthz")]
    [TestCase("/readyz")]
    public async Task Probes_answer_ok_once_started(string path)
    {
        using var factory = new WebhookFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("ok"));
    }
}
