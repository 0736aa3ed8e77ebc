using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace AcrGuard.LoadDriver;

/// <summary>One run: the mix, the client, the workers, the RSS sampler, the readiness watch and a progress line every 10 s.</summary>
internal static class Driver
{
    public static async Task<int> RunAsync(DriverOptions options, TextWriter output)
    {
        var cases = ReviewMix.Build(options.Examples);
        await output.WriteLineAsync($"mix: {cases.Count} kinds of request ({cases.Count(c => c.CarriesUid)} reviews, {cases.Count(c => !c.CarriesUid)} bad bodies) to {options.Url}, {options.Concurrency} workers").ConfigureAwait(false);

        var thumbprints = new ThumbprintLog();
        var tally = new Tally();
        using var certificate = options.ClientCert is { } cert ? X509Certificate2.CreateFromPemFile(cert, options.ClientKey) : null;
        using var client = WebhookClient.Create(options, thumbprints, certificate);

        // A client per review is a connection per review: disposed, it closes its connection.
        Func<HttpClient>? perReview = options.NewConnectionPerReview ? () => WebhookClient.Create(options, thumbprints, certificate) : null;
        using var done = new CancellationTokenSource();
        var sampler = options.ServerPid is { } pid ? new RssSampler(pid, options.RssCsv) : null;
        var sampling = sampler?.RunAsync(done.Token) ?? Task.CompletedTask;
        var progress = ProgressAsync(tally, output, done.Token);
        using var unready = new CancellationTokenSource();
        var watching = options.FollowReadiness is { } readyz ? ReadinessWatch.WatchAsync(readyz, unready, tally, done.Token) : Task.CompletedTask;

        var clock = Stopwatch.StartNew();
        await new LoadRun(client, perReview, options, cases, tally, unready.Token).RunAsync().ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        await done.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(sampling, progress, watching).ConfigureAwait(false);

        var rss = sampler is null ? null : RssSummary.Of(sampler.Samples, options.Warmup);
        return Report.Write(output, options, tally, elapsed, thumbprints, rss, sampler is not null) ? 0 : 1;
    }

    private static async Task ProgressAsync(Tally tally, TextWriter output, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                await output.WriteLineAsync($"progress: sent {tally.Sent}, ok {tally.Ok}, failed {tally.Failed}, wrong {tally.Wrong}, refused {tally.Refused}").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
