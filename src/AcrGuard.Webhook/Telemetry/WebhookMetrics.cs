using System.Diagnostics.Metrics;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Admission;

namespace AcrGuard.Webhook.Telemetry;

/// <summary>
/// AcrGuard's instruments, in one Meter. The Prometheus exporter turns the dotted names into the
/// contract's: <c>acrguard_admission_requests_total</c>, <c>acrguard_findings_total</c>,
/// <c>acrguard_admission_duration_seconds</c>, <c>acrguard_tls_certificate_expiry_timestamp_seconds</c>
/// (the unit "s" adds the <c>_seconds</c> suffix).
/// </summary>
public sealed class WebhookMetrics
{
    public const string MeterName = "AcrGuard";
    public const string DurationName = "acrguard.admission.duration";
    public const string RequestsName = "acrguard.admission.requests";

    private readonly Counter<long> requests;
    private readonly Counter<long> findings;
    private readonly Counter<long> failures;
    private readonly Counter<long> reloads;
    private readonly Histogram<double> duration;
    private volatile Func<DateTimeOffset>? certificateNotAfter;

    public WebhookMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        requests = meter.CreateCounter<long>(RequestsName, description: "Admission reviews answered, by verdict");
        findings = meter.CreateCounter<long>("acrguard.findings", description: "Findings reported by rule and final severity");
        failures = meter.CreateCounter<long>("acrguard.admission.failures", description: "Requests that were not AdmissionReviews, were too large, or met a fault");
        reloads = meter.CreateCounter<long>("acrguard.reloads", description: "Reloads of the configuration and the certificate, by result");
        duration = meter.CreateHistogram<double>(DurationName, unit: "s", description: "Time to read, judge and answer one review");
        meter.CreateObservableGauge(
            "acrguard.tls.certificate.expiry_timestamp",
            ObserveExpiry,
            unit: "s",
            description: "The serving certificate's notAfter, Unix seconds");
    }

    /// <summary>Where the gauge reads the serving certificate in force (the certificate store, which reloads it).</summary>
    public void ObserveCertificateExpiry(Func<DateTimeOffset> notAfter) => certificateNotAfter = notAfter;

    public void Reviewed(ReviewResult result, double seconds)
    {
        duration.Record(seconds);
        if (result.Request is not { } request)
        {
            return;
        }

        requests.Add(
            1,
            new("kind", request.Kind),
            new("operation", request.Operation.WireName()),
            new("mode", result.Mode.Name()),
            new("decision", result.Allowed ? "allowed" : "denied"),
            new("dry_run", request.DryRun ? "true" : "false"));
        if (result.Verdict is { } verdict)
        {
            foreach (var finding in verdict.Findings)
            {
                findings.Add(1, new("rule", finding.Rule), new("severity", finding.Severity == FindingSeverity.Error ? "error" : "warning"));
            }
        }
    }

    /// <summary>reason: bad_request, too_large, aborted (the client went away), exception, overloaded or client_limit (a client past its share).</summary>
    public void Failed(string reason) => failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private IEnumerable<Measurement<long>> ObserveExpiry() =>
        certificateNotAfter is { } notAfter ? [new Measurement<long>(notAfter().ToUnixTimeSeconds())] : [];

    /// <summary>what: config or certificate; result: success or failure.</summary>
    public void Reloaded(string what, bool success) =>
        reloads.Add(1, new("what", what), new("result", success ? "success" : "failure"));
}
