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
/// The HTTP side of a review, transport only: a defensive shell around <see cref="AdmissionReviewer"/>,
/// which decodes, judges and answers (a fault included). Wrong content type: 400. Over 7 MiB: 413.
/// No room in the memory budget in time: 429 with Retry-After. A fault of the transport itself:
/// answered by the mode, never a crash. What each came to is logged and counted by
/// <see cref="ReviewTelemetry"/>.
/// </summary>
public sealed class ReviewHandler
{
    private readonly ConfigStore config;
    private readonly RequestBudget budget;
    private readonly TimeSpan budgetWait;
    private readonly TimeSpan bodyDeadline;
    private readonly OverloadLog overload;
    private readonly ReviewTelemetry telemetry;
    private readonly Judgement judge;

    public ReviewHandler(ConfigStore config, RequestBudget budget, ServeOptions options, OverloadLog overload, WebhookMetrics metrics, ILogger<ReviewHandler> logger)
        : this(config, budget, options, overload, metrics, logger, AdmissionReviewer.Judge)
    {
    }

    internal ReviewHandler(ConfigStore config, RequestBudget budget, ServeOptions options, OverloadLog overload, WebhookMetrics metrics, ILogger<ReviewHandler> logger, Judgement judge)
    {
        this.config = config;
        this.budget = budget;
        budgetWait = options.BudgetWait;
        bodyDeadline = options.ClientTimeout;
        this.overload = overload;

        // The log lines keep this class's category: log searches and test/load's scripts filter on it.
        telemetry = new ReviewTelemetry(metrics, logger);
        this.judge = judge;
    }

    /// <summary>Seconds a refused client is asked to wait: about the time the largest body takes to judge.</summary>
    public const int RetryAfterSeconds = 1;

    public Task HandleAsync(HttpContext context, EnforcementMode? pathMode) => HandleAsync(context, pathMode, judge);

    /// <summary>The same transport around another judgement (the namespace guard).</summary>
    public async Task HandleAsync(HttpContext context, EnforcementMode? pathMode, Judgement judgement)
    {
        var started = Stopwatch.GetTimestamp();

        // Once, with the configuration it came from: a reload mid-review must not judge in one
        // mode and answer a fault or a bad body in another.
        var evaluator = config.Current;
        var mode = pathMode ?? evaluator.Config.Mode;
        ReviewResult result;
        try
        {
            result = await ReviewAsync(context, evaluator, mode, judgement).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits: body too large, too slow, cut short.
            result = AdmissionReviewer.Bad(string.Empty, e.Message, mode, e.StatusCode);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (kube-apiserver past timeoutSeconds resets the HTTP/2 stream, which
            // Kestrel reports to a body read as an IOException): nobody to answer, nothing broken.
            telemetry.Aborted();
            return;
        }
        catch (Exception e)
        {
            // In the transport, before the body was decoded: no uid to answer with.
            result = AdmissionReviewer.Fault(null, mode, e);
        }

        telemetry.Record(result, context.Connection.RemoteIpAddress, Stopwatch.GetElapsedTime(started).TotalSeconds);
        await WriteAsync(context, result).ConfigureAwait(false);

        // A large review leaves about three times its size behind (its buffer, its strings as
        // UTF-16, the bound object), all on the large object heap, which only a gen2 collection
        // frees. Under a heap limit the GC waits until the heap is nearly full, and the process,
        // native memory besides, then outgrows its container. A background collection now keeps
        // the heap near what is in flight; large reviews are rare outside a flood.
        if (result.Request is not null && context.Request.ContentLength > RequestBody.PooledBytes)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: false);
        }
    }

    private async Task<ReviewResult> ReviewAsync(HttpContext context, Evaluator evaluator, EnforcementMode mode, Judgement judgement)
    {
        if (!context.Request.HasJsonContentType())
        {
            return AdmissionReviewer.Bad(string.Empty, $"Content-Type is {Show(context.Request.ContentType)}: send application/json", mode);
        }

        var waitStarted = Stopwatch.GetTimestamp();
        using var body = await RequestBody.ReadAsync(context.Request, budget, budgetWait, bodyDeadline, context.RequestAborted).ConfigureAwait(false);
        switch (body.Status)
        {
            case BodyStatus.TooLarge:
                return AdmissionReviewer.Bad(string.Empty, $"the body is over {RequestBody.MaxBytes / (1024 * 1024)} MiB", mode, StatusCodes.Status413PayloadTooLarge);
            case BodyStatus.Overloaded:
                overload.Refused(Remote(context), context.Request.ContentLength ?? 0, budget.InUse, budget.Capacity, Stopwatch.GetElapsedTime(waitStarted).TotalSeconds);
                return AdmissionReviewer.Bad(string.Empty, $"too many request bytes in flight; retry in {RetryAfterSeconds} s", mode, StatusCodes.Status429TooManyRequests);
            case BodyStatus.ClientLimit:
                var client = ClientAddress.Normal(context.Connection.RemoteIpAddress);
                overload.ClientLimited(client?.ToString() ?? "unknown", context.Request.ContentLength ?? 0, budget.HeldBy(client), budget.ClientShare);
                return AdmissionReviewer.Bad(string.Empty, $"this client holds more than its share of the request bytes in flight while others wait; retry in {RetryAfterSeconds} s", mode, StatusCodes.Status429TooManyRequests) with { ClientLimited = true };
            case BodyStatus.TooSlow:
                return AdmissionReviewer.Bad(string.Empty, $"the body took over {bodyDeadline.TotalSeconds} s to arrive", mode, StatusCodes.Status408RequestTimeout);
        }

        return AdmissionReviewer.Review(body.Bytes, evaluator, mode, judgement);
    }

    private static async Task WriteAsync(HttpContext context, ReviewResult result)
    {
        var response = context.Response;
        response.StatusCode = result.HttpStatus;
        response.ContentType = "application/json";
        if (result.HttpStatus == StatusCodes.Status429TooManyRequests)
        {
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // HTTP/1.1 would read a refused or late body to its end to reuse the connection: close it
        // instead. (HTTP/2 resets just the stream.)
        if (result.HttpStatus is StatusCodes.Status429TooManyRequests or StatusCodes.Status408RequestTimeout
            && (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol)))
        {
            response.Headers.Connection = "close";
        }

        await using (var writer = new Utf8JsonWriter(response.BodyWriter, AdmissionJsonContext.WriterOptions))
        {
            JsonSerializer.Serialize(writer, result.Answer, AdmissionJsonContext.Answers.AdmissionReviewAnswer);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static string Remote(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string Show(string? contentType) => string.IsNullOrEmpty(contentType) ? "missing" : MessageText.Quote(contentType);
}
