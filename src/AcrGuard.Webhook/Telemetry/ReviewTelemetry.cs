using System.Net;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Admission;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Telemetry;

/// <summary>
/// What a review came to, as a log line and metrics: every review counts its duration (and, once
/// decoded, its verdict and findings); a fault, a refusal and a body that was no review each
/// count a failure reason; a denial, a warning, an unreadable object and a mode downgrade each
/// log one line. An allowed review with nothing to say logs only at Debug.
/// </summary>
public sealed class ReviewTelemetry(WebhookMetrics metrics, ILogger logger)
{
    public void Record(ReviewResult result, IPAddress? remote, double seconds)
    {
        metrics.Reviewed(result, seconds);
        if (result.Fault is { } fault)
        {
            ReviewLog.Fault(logger, Show(remote), result.Request?.Uid ?? string.Empty, result.Mode.Name(), fault);
            metrics.Failed("exception");
            return;
        }

        if (result.HttpStatus == StatusCodes.Status429TooManyRequests)
        {
            // Logged once per burst by OverloadLog, not here.
            metrics.Failed(result.ClientLimited ? "client_limit" : "overloaded");
            return;
        }

        if (result.Request is not { } request)
        {
            metrics.Failed(result.HttpStatus == StatusCodes.Status413PayloadTooLarge ? "too_large" : "bad_request");
            ReviewLog.BadRequest(logger, Show(remote), result.HttpStatus, result.Problem ?? string.Empty);
            return;
        }

        Judged(result, request);
    }

    /// <summary>The client gave up before its answer: nobody to answer, nothing broken.</summary>
    public void Aborted() => metrics.Failed("aborted");

    private void Judged(ReviewResult result, AdmissionRequest request)
    {
        var operation = request.Operation.WireName();
        var mode = result.Mode.Name();
        if (result.ModeDowngrade)
        {
            ReviewLog.ModeDowngrade(logger, request.Uid, request.Name, request.User, string.Join(",", request.Groups), operation, request.DryRun, result.Allowed);
        }
        else if (result.Problem is { } problem)
        {
            ReviewLog.Unreadable(logger, request.Uid, request.Kind, request.Namespace, request.Name, problem);
        }
        else if (!result.Allowed && logger.IsEnabled(LogLevel.Warning))
        {
            var rules = Rules(result.Verdict);
            ReviewLog.Denied(logger, request.Uid, request.Kind, request.Namespace, request.Name, request.User, operation, request.DryRun, mode, rules);
        }
        else if (result.Verdict is { Findings.Count: > 0 } verdict && logger.IsEnabled(LogLevel.Information))
        {
            var rules = Rules(verdict);
            ReviewLog.Warned(logger, request.Uid, request.Kind, request.Namespace, request.Name, request.User, operation, request.DryRun, mode, rules);
        }
        else if (result.Allowed)
        {
            ReviewLog.Allowed(logger, request.Uid, request.Kind, request.Namespace, request.Name, request.User, operation, request.DryRun, mode);
        }
    }

    // The rule ids of a verdict, each once, in the order found: what a log search filters on.
    private static string Rules(Verdict? verdict)
    {
        if (verdict is null)
        {
            return string.Empty;
        }

        var rules = new List<string>(verdict.Findings.Count);
        foreach (var finding in verdict.Findings)
        {
            if (!rules.Contains(finding.Rule))
            {
                rules.Add(finding.Rule);
            }
        }

        return string.Join(",", rules);
    }

    private static string Show(IPAddress? remote) => remote?.ToString() ?? "unknown";
}
