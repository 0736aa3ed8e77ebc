using System.Diagnostics.Metrics;
using AcrGuard.Webhook.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// The streams' cardinality limits as the SDK applies them: the points are allocated up front, so
/// the limits are what keeps the webhook's heap small; past one, counts go to the overflow series.
/// </summary>
public sealed class MetricViewsTests
{
    [Test]
    public void A_stream_past_its_limit_adds_to_one_overflow_series_and_loses_no_count()
    {
        using var meter = new Meter(WebhookMetrics.MeterName + ".Tests.Overflow");
        var counter = meter.CreateCounter<long>("acrguard.findings");
        var exported = new PointExporter();
        using (var provider = Provider(meter, exported))
        {
            for (var i = 0; i < MetricViews.CardinalityLimit + 50; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("rule", $"AG{i:D4}"));
            }

            provider.ForceFlush();
        }

        var points = exported.Points("acrguard.findings");
        Assert.That(points.Where(p => !p.Overflow).Count(), Is.LessThanOrEqualTo(MetricViews.CardinalityLimit));
        Assert.That(points.Single(p => p.Overflow).Sum, Is.GreaterThanOrEqualTo(50));
        Assert.That(points.Sum(p => p.Sum), Is.EqualTo(MetricViews.CardinalityLimit + 50));
    }

    [Test]
    public void The_requests_counter_holds_every_combination_of_its_five_labels_a_cluster_can_send()
    {
        using var meter = new Meter(WebhookMetrics.MeterName + ".Tests.Requests");
        var counter = meter.CreateCounter<long>(WebhookMetrics.RequestsName);
        var exported = new PointExporter();
        string[] kinds = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController", "ImageCache", "Namespace", "Rollout", "CloneSet"];
        string[] operations = ["CREATE", "UPDATE", "DELETE", "CONNECT"];
        var labelSets =
            from kind in kinds
            from operation in operations
            from mode in new[] { "enforce", "audit" }
            from decision in new[] { "allowed", "denied" }
            from dryRun in new[] { "true", "false" }
            select (kind, operation, mode, decision, dryRun);
        using (var provider = Provider(meter, exported))
        {
            foreach (var (kind, operation, mode, decision, dryRun) in labelSets)
            {
                counter.Add(1, new("kind", kind), new("operation", operation), new("mode", mode), new("decision", decision), new("dry_run", dryRun));
            }

            provider.ForceFlush();
        }

        var points = exported.Points(WebhookMetrics.RequestsName);
        Assert.That(points, Has.Count.EqualTo(kinds.Length * operations.Length * 8));
        Assert.That(points.Any(p => p.Overflow), Is.False);
    }

    [Test]
    public void The_review_duration_has_sub_millisecond_buckets_and_kestrels_queued_requests_is_dropped()
    {
        using var acrguard = new Meter(WebhookMetrics.MeterName + ".Tests.Views");
        using var kestrel = new Meter("Microsoft.AspNetCore.Server.Kestrel");

        var duration = MetricViews.For(acrguard.CreateHistogram<double>(WebhookMetrics.DurationName));
        var queued = MetricViews.For(kestrel.CreateUpDownCounter<long>("kestrel.queued_requests"));
        var connections = MetricViews.For(kestrel.CreateUpDownCounter<long>("kestrel.active_connections"));

        Assert.That(duration, Is.TypeOf<ExplicitBucketHistogramConfiguration>());
        Assert.That(((ExplicitBucketHistogramConfiguration)duration).Boundaries, Does.Contain(0.0001).And.Contain(5.0));
        Assert.That(queued, Is.SameAs(MetricStreamConfiguration.Drop));
        Assert.That(connections.CardinalityLimit, Is.EqualTo(MetricViews.CardinalityLimit));
    }

    private static MeterProvider Provider(Meter meter, PointExporter exported) =>
        Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .AddView(MetricViews.For)
            .AddReader(new BaseExportingMetricReader(exported) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative })
            .Build();

    private sealed record Point(long Sum, bool Overflow);

    private sealed class PointExporter : BaseExporter<Metric>
    {
        private readonly Dictionary<string, List<Point>> points = [];

        public List<Point> Points(string name) => points.TryGetValue(name, out var found) ? found : [];

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                var list = points[metric.Name] = [];
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var overflow = false;
                    foreach (var tag in point.Tags)
                    {
                        overflow |= tag.Key == "otel.metric.overflow";
                    }

                    list.Add(new Point(point.GetSumLong(), overflow));
                }
            }

            return ExportResult.Success;
        }
    }
}
