namespace AcrGuard.LoadDriver;

/// <summary>
/// Plays kube-apiserver's part in a rollout: it stops sending reviews to a pod once the pod is no
/// longer ready (in a cluster, once the pod leaves the Service's endpoints). Polls /readyz every
/// 100 ms; an answer other than 200 or a refused connection marks the server unready for good, as
/// do three probes in a row without an answer within a second (the kubelet's default failure
/// threshold: a server busy with hundreds of handshakes may be slow to answer one probe).
/// </summary>
internal static class ReadinessWatch
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private const int TimeoutsInARow = 3;

    private enum Probe
    {
        Ready,
        NotReady,
        NoAnswer,
    }

    public static async Task WatchAsync(Uri readyz, CancellationTokenSource unready, Tally tally, CancellationToken stop)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        using var timer = new PeriodicTimer(Interval);
        try
        {
            var timeouts = 0;
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var result = await ProbeAsync(probe, readyz, stop).ConfigureAwait(false);
                timeouts = result == Probe.NoAnswer ? timeouts + 1 : 0;
                if (result == Probe.NotReady || timeouts >= TimeoutsInARow)
                {
                    tally.Unready(DateTime.UtcNow);
                    await unready.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private static async Task<Probe> ProbeAsync(HttpClient probe, Uri readyz, CancellationToken stop)
    {
        try
        {
            using var response = await probe.GetAsync(readyz, stop).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? Probe.Ready : Probe.NotReady;
        }
        catch (HttpRequestException)
        {
            // Refused or reset: the server is gone.
            return Probe.NotReady;
        }
        catch (TaskCanceledException) when (!stop.IsCancellationRequested)
        {
            return Probe.NoAnswer;
        }
    }
}
