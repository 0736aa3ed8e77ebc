using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace AcrGuard.Webhook.Telemetry;

/// <summary>
/// How each exported instrument is aggregated: one view for all of them, so that every instrument
/// gets exactly one stream (several matching views would make several streams of one name).
/// </summary>
/// <remarks>
/// The SDK allocates each stream's points up front, as many as its cardinality limit allows
/// (2,000 by default, about 144 KB a stream on the large-object heap). With some thirty streams
/// that was 4.8 MB of the webhook's heap for label combinations that never occur: every label set
/// here is small and fixed (see docs/metrics.md), so the limits below hold all of them with room.
/// Past a limit the SDK adds to one series labelled <c>otel_metric_overflow="true"</c>, so a count
/// is never lost.
/// </remarks>
public static class MetricViews
{
    /// <summary>
    /// The requests counter multiplies five labels (kind, operation, mode, decision, dry_run); it
    /// keeps the SDK's default.
    /// </summary>
    public const int RequestsCardinalityLimit = 2000;

    /// <summary>
    /// Any other stream: rule and severity, failure reasons, what was reloaded, ASP.NET's
    /// method, route and status, Kestrel's transport and TLS version, the runtime's GC generations.
    /// </summary>
    public const int CardinalityLimit = 200;

    // Seconds: a review takes tens of microseconds, kube-apiserver gives up at timeoutSeconds.
    private static readonly double[] DurationBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    public static MetricStreamConfiguration For(Instrument instrument) => instrument.Name switch
    {
        // Per request and always about 0 with HTTP/2 (streams start as they arrive): not worth
        // its two updates per review. Kestrel's connection and TLS instruments stay.
        "kestrel.queued_requests" when instrument.Meter.Name == "Microsoft.AspNetCore.Server.Kestrel" => MetricStreamConfiguration.Drop,
        WebhookMetrics.DurationName => new ExplicitBucketHistogramConfiguration { Boundaries = DurationBoundaries, CardinalityLimit = CardinalityLimit },
        WebhookMetrics.RequestsName => new MetricStreamConfiguration { CardinalityLimit = RequestsCardinalityLimit },
        _ => new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit },
    };
}
