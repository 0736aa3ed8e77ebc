using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Admission;
using AcrGuard.Webhook.Reload;
using AcrGuard.Webhook.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// The HTTP side of a review: a defensive transport around <see cref="AdmissionReviewer"/>.
/// Wrong content type, an empty or malformed body: 400. Over 7 MiB: 413. A fault: logged,
/// counted and answered, never a crash.
/// </summary>
public sealed class ReviewHandler(ConfigStore config, WebhookMetrics metrics, ILogger<ReviewHandler> logger)
{
    public Task HandleAsync(HttpContext context, EnforcementMode? pathMode) =>
        HandleAsync(context, pathMode, (body, evaluator) => AdmissionReviewer.Review(body, evaluator, pathMode));

    /// <summary>The same transport around another review core (the namespace guard), which answers in <paramref name="pathMode"/>.</summary>
    public async Task HandleAsync(HttpContext context, EnforcementMode? pathMode, Func<ReadOnlyMemory<byte>, Evaluator, ReviewResult> review)
    {
        var started = Stopwatch.GetTimestamp();
        ReviewResult result;
        try
        {
            result = await ReviewAsync(context, pathMode, review).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits: body too large, too slow, cut short.
            result = AdmissionReviewer.Bad(string.Empty, e.Message, pathMode ?? config.Current.Config.Mode, e.StatusCode);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            metrics.Failed("aborted");
            return;
        }
        catch (Exception e)
        {
            var mode = pathMode ?? config.Current.Config.Mode;
            ReviewLog.Fault(logger, Remote(context), mode == EnforcementMode.Audit ? "audit" : "enforce", e);
            metrics.Failed("exception");
            var response = mode == EnforcementMode.Audit
                ? AdmissionResponses.Allowed(string.Empty)
                : AdmissionResponses.Errored(string.Empty, 500, "AcrGuard met an internal error; see its log");
            result = new ReviewResult(200, new AdmissionReviewAnswer(response)) { Mode = mode, Problem = e.Message };
            metrics.Reviewed(result, Stopwatch.GetElapsedTime(started).TotalSeconds);
            await WriteAsync(context, result).ConfigureAwait(false);
            return;
        }

        Record(context, result, Stopwatch.GetElapsedTime(started).TotalSeconds);
        await WriteAsync(context, result).ConfigureAwait(false);
    }

    private async Task<ReviewResult> ReviewAsync(HttpContext context, EnforcementMode? pathMode, Func<ReadOnlyMemory<byte>, Evaluator, ReviewResult> review)
    {
        var evaluator = config.Current;
        var mode = pathMode ?? evaluator.Config.Mode;
        if (!context.Request.HasJsonContentType())
        {
            return AdmissionReviewer.Bad(string.Empty, $"Content-Type is {Show(context.Request.ContentType)}: send application/json", mode);
        }

        var (buffer, length) = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (buffer is null)
        {
            return AdmissionReviewer.Bad(string.Empty, $"the body is over {RequestBody.MaxBytes / (1024 * 1024)} MiB", mode, StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            return review(buffer.AsMemory(0, length), evaluator);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Record(HttpContext context, ReviewResult result, double seconds)
    {
        metrics.Reviewed(result, seconds);
        if (result.Request is not { } request)
        {
            metrics.Failed(result.HttpStatus == StatusCodes.Status413PayloadTooLarge ? "too_large" : "bad_request");
            ReviewLog.BadRequest(logger, Remote(context), result.HttpStatus, result.Problem ?? string.Empty);
            return;
        }

        var mode = result.Mode == EnforcementMode.Audit ? "audit" : "enforce";
        var operation = request.Operation.WireName();
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

    private static async Task WriteAsync(HttpContext context, ReviewResult result)
    {
        var response = context.Response;
        response.StatusCode = result.HttpStatus;
        response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, AdmissionJsonContext.WriterOptions))
        {
            JsonSerializer.Serialize(writer, result.Answer, AdmissionJsonContext.Answers.AdmissionReviewAnswer);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
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

    private static string Remote(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string Show(string? contentType) => string.IsNullOrEmpty(contentType) ? "missing" : MessageText.Quote(contentType);
}
