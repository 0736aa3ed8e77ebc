using System.Globalization;

namespace AcrGuard.LoadDriver;

/// <summary>The summary of a run, and whether it passed.</summary>
internal static class Report
{
    public static bool Write(TextWriter output, DriverOptions options, Tally tally, TimeSpan elapsed, ThumbprintLog thumbprints, RssSummary? rss, bool sampled)
    {
        var pass = true;
        var answered = tally.Ok + tally.Wrong;
        var (p50, p99, max) = tally.Percentiles();
        output.WriteLine(Invariant($"summary: sent {tally.Sent}, ok {tally.Ok} ({tally.ReviewsOk} reviews, {tally.Ok - tally.ReviewsOk} bad bodies), failed {tally.Failed}, wrong {tally.Wrong}, refused {tally.Refused}"));
        output.WriteLine(Invariant($"throughput: {answered / elapsed.TotalSeconds:F0} answers/s over {elapsed.TotalSeconds:F1} s; latency p50 {p50:F2} ms, p99 {p99:F2} ms, max {max:F1} ms"));
        foreach (var (problem, count) in tally.Problems().Take(10))
        {
            output.WriteLine(Invariant($"problem: {count} x {problem}"));
        }

        pass &= tally.Failed == 0 && tally.Wrong == 0 && tally.Ok > 0;
        if (tally.Refused > 0)
        {
            // In a shutdown run a refusal is the end of the server, not a lost review: nothing was accepted.
            output.WriteLine(options.StopOnRefused
                ? $"refused: {tally.Refused} request(s) found the server no longer listening (not accepted, so not lost); the driver stopped there"
                : $"refused: {tally.Refused} request(s) could not connect: a failure while the server should be up");
            var (lastAnswer, firstRefusal) = tally.Timeline();
            output.WriteLine($"timeline: last answer at {lastAnswer:O}, first refusal at {firstRefusal:O}");
            pass &= options.StopOnRefused;
        }

        if (tally.UnreadyAt is { } unready)
        {
            // What kube-apiserver does once the pod leaves the endpoints: no new reviews; those in flight must still be answered.
            var (lastAnswer, _) = tally.Timeline();
            output.WriteLine($"readiness: /readyz failed at {unready:O}; no request sent after that; last answer at {lastAnswer:O}");
        }

        var distinct = thumbprints.Distinct();
        output.WriteLine($"certificates: {distinct.Count} distinct over {thumbprints.Handshakes} handshake(s)");
        foreach (var (thumbprint, first, handshakes) in distinct)
        {
            output.WriteLine(Invariant($"certificate: {thumbprint} first seen at {first.TotalSeconds:F1} s, {handshakes} handshake(s)"));
        }

        if (options.ExpectThumbprintChange && distinct.Count < 2)
        {
            output.WriteLine("certificates: expected new connections to see a new certificate, saw one only");
            pass = false;
        }

        pass &= WriteRss(output, options, rss, sampled);
        output.WriteLine(pass ? "RESULT: PASS" : "RESULT: FAIL");
        return pass;
    }

    private static bool WriteRss(TextWriter output, DriverOptions options, RssSummary? rss, bool sampled)
    {
        if (!sampled)
        {
            return true;
        }

        if (rss is null)
        {
            output.WriteLine(Invariant($"rss: no sample after the {options.Warmup.TotalSeconds:F0} s warm-up"));
            return options.RssTolerance <= 0;
        }

        output.WriteLine(Invariant(
            $"rss: after warm-up (at {rss.WarmSeconds:F0} s) {rss.WarmKib / 1024.0:F1} MiB, end {rss.EndKib / 1024.0:F1} MiB ({rss.EndChangePercent:+0.0;-0.0}%), max {rss.MaxKib / 1024.0:F1} MiB, max deviation {rss.MaxDeviationPercent:F1}% over {rss.Samples} samples"));
        if (options.RssTolerance <= 0)
        {
            return true;
        }

        var within = Math.Abs(rss.EndChangePercent) <= options.RssTolerance;
        output.WriteLine(Invariant($"rss: end within {options.RssTolerance:F0}% of after warm-up: {(within ? "PASS" : "FAIL")}"));
        return within;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
