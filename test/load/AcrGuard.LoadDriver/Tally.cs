using System.Collections.Concurrent;

namespace AcrGuard.LoadDriver;

/// <summary>Counts and latencies of a run, shared by the workers.</summary>
internal sealed class Tally
{
    private long sent;
    private long ok;
    private long wrong;
    private long failed;
    private long refused;
    private readonly ConcurrentQueue<List<float>> latencies = new();
    private readonly ConcurrentDictionary<string, int> problems = new(StringComparer.Ordinal);

    public long Sent => Interlocked.Read(ref sent);

    public long Ok => Interlocked.Read(ref ok);

    public long Wrong => Interlocked.Read(ref wrong);

    public long Failed => Interlocked.Read(ref failed);

    public long Refused => Interlocked.Read(ref refused);

    public void Sending() => Interlocked.Increment(ref sent);

    public void Count(Outcome outcome, string? problem)
    {
        _ = outcome switch
        {
            Outcome.Ok => Interlocked.Increment(ref ok),
            Outcome.Wrong => Interlocked.Increment(ref wrong),
            Outcome.Failed => Interlocked.Increment(ref failed),
            _ => Interlocked.Increment(ref refused),
        };
        if (problem is not null)
        {
            problems.AddOrUpdate(problem, 1, (_, n) => n + 1);
        }
    }

    /// <summary>A worker hands in its own latencies (milliseconds) when it ends: no sharing while running.</summary>
    public void Add(List<float> workerLatencies) => latencies.Enqueue(workerLatencies);

    /// <summary>The distinct problems met, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Problems() => [.. problems.OrderByDescending(p => p.Value)];

    /// <summary>Latency percentiles in milliseconds (NaN when nothing was answered).</summary>
    public (double P50, double P99, double Max) Percentiles()
    {
        var all = latencies.SelectMany(l => l).ToArray();
        if (all.Length == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(all);
        double At(double q) => all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        return (At(0.50), At(0.99), all[^1]);
    }
}
