using System.Diagnostics;
using System.Globalization;

namespace AcrGuard.LoadDriver;

/// <summary>
/// The server's resident set (VmRSS of /proc/PID/status) once a second, into a CSV, so that a
/// soak shows whether memory levels off (flat after warm-up) or keeps growing (a leak).
/// </summary>
internal sealed class RssSampler(int pid, string? csvPath)
{
    private readonly List<(double Seconds, long Kib)> samples = [];

    public IReadOnlyList<(double Seconds, long Kib)> Samples => samples;

    /// <summary>Samples until <paramref name="stop"/> or until the process is gone.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var csv = csvPath is null ? null : new StreamWriter(csvPath);
        try
        {
            csv?.WriteLine("seconds,rss_kib");
            do
            {
                if (Read() is not { } kib)
                {
                    break;
                }

                var seconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
                samples.Add((seconds, kib));
                csv?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds},{kib}"));
                csv?.Flush();
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over: the samples so far are the result.
        }
        finally
        {
            if (csv is not null)
            {
                await csv.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private long? Read()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                // "VmRSS:	   85432 kB"
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process has exited (the shutdown run ends that way).
        }

        return null;
    }
}
