using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AcrGuard.LoadDriver;

/// <summary>
/// Workers that send the mix round-robin until the count is reached or the time is up, and
/// check every answer. With <see cref="DriverOptions.StopOnRefused"/>, the first refused
/// connection (the server is gone) stops further sends while the requests in flight finish:
/// those are the ones a graceful stop must still answer. With <see cref="DriverOptions.FollowReadiness"/>,
/// a failing readiness probe stops further sends the same way. With <c>perReview</c>, each request
/// goes on a client (a connection) of its own.
/// </summary>
internal sealed class LoadRun(HttpClient client, Func<HttpClient>? perReview, DriverOptions options, IReadOnlyList<ReviewCase> cases, Tally tally, CancellationToken unready)
{
    private long issued;
    private volatile bool stopping;

    public async Task RunAsync()
    {
        var deadline = options.Duration > TimeSpan.Zero ? Stopwatch.GetTimestamp() + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(() => WorkerAsync(deadline)));
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task WorkerAsync(long deadline)
    {
        var latencies = new List<float>();
        try
        {
            while (!stopping && !unready.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline)
            {
                var n = Interlocked.Increment(ref issued);
                if (options.Count > 0 && n > options.Count)
                {
                    break;
                }

                var review = cases[(int)(n % cases.Count)];
                tally.Sending();
                var started = Stopwatch.GetTimestamp();
                var (outcome, problem) = await SendAsync(review, $"{review.Name}-{n}").ConfigureAwait(false);
                if (outcome == Outcome.Ok)
                {
                    latencies.Add((float)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                tally.Count(outcome, problem, review.CarriesUid);
                if (outcome == Outcome.Refused && options.StopOnRefused)
                {
                    stopping = true;
                }
            }
        }
        finally
        {
            tally.Add(latencies);
        }
    }

    private async Task<(Outcome, string?)> SendAsync(ReviewCase review, string uid)
    {
        using var content = new ByteArrayContent(review.Body(uid));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(review.ContentType);
        try
        {
            using var own = perReview?.Invoke();
            using var response = await (own ?? client).PostAsync(new Uri(options.Url, review.Path), content).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if ((int)response.StatusCode != review.ExpectedStatus)
            {
                return (Outcome.Failed, $"{review.Name}: HTTP {(int)response.StatusCode}, expected {review.ExpectedStatus}");
            }

            return Check(review, uid, body);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            var outcome = Outcomes.Classify(e);
            // HttpRequestError tells a broken connection from a protocol error or an ended response.
            var kind = e is HttpRequestException { HttpRequestError: var error } ? $"{e.GetType().Name} ({error})" : e.GetType().Name;
            return (outcome, outcome == Outcome.Refused ? "connection refused" : $"{review.Name}: {kind}: {Messages(e)}");
        }
    }

    private static (Outcome, string?) Check(ReviewCase review, string uid, byte[] body)
    {
        if (!review.CarriesUid)
        {
            return (Outcome.Ok, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var response = document.RootElement.GetProperty("response");
            if (response.GetProperty("uid").GetString() != uid)
            {
                return (Outcome.Wrong, $"{review.Name}: uid not echoed");
            }

            if (response.GetProperty("allowed").GetBoolean() != review.ExpectedAllowed)
            {
                return (Outcome.Wrong, $"{review.Name}: allowed is not {review.ExpectedAllowed}");
            }

            var warned = response.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array && warnings.GetArrayLength() > 0;
            return review.ExpectWarnings is { } expected && warned != expected
                ? (Outcome.Wrong, $"{review.Name}: warnings {(warned ? "present" : "missing")}")
                : (Outcome.Ok, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (Outcome.Wrong, $"{review.Name}: not an AdmissionReview answer: {e.Message}");
        }
    }

    // The whole chain: "An error occurred while sending the request" alone says nothing.
    private static string Messages(Exception e)
    {
        var messages = new List<string>();
        for (Exception? at = e; at is not null; at = at.InnerException)
        {
            messages.Add(at.Message);
        }

        return string.Join(" <- ", messages);
    }
}
