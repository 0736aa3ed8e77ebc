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
    private long reviewsOk;
    private long lastAnswerTicks;
    private long firstRefusalTicks;
    private long unreadyTicks;
    private readonly ConcurrentQueue<List<float>> latencies = new();
    private readonly ConcurrentDictionary<string, int> problems = new(StringComparer.Ordinal);

    public long Sent => Interlocked.Read(ref sent);

    public long Ok => Interlocked.Read(ref ok);

    public long Wrong => Interlocked.Read(ref wrong);

    /// <summary>Of <see cref="Ok"/>, the AdmissionReviews (the rest are the bodies that must get 400).</summary>
    public long ReviewsOk => Interlocked.Read(ref reviewsOk);

    public long Failed => Interlocked.Read(ref failed);

    public long Refused => Interlocked.Read(ref refused);

    /// <summary>
    /// When the last answer and the first refusal came (UTC): a shutdown run compares them with
    /// the moment of SIGTERM, to show reviews still answered while the server drained.
    /// </summary>
    public (DateTime? LastAnswer, DateTime? FirstRefusal) Timeline() =>
        (At(Interlocked.Read(ref lastAnswerTicks)), At(Interlocked.Read(ref firstRefusalTicks)));

    /// <summary>When the server's readiness was first seen failing (UTC), if it was.</summary>
    public DateTime? UnreadyAt => At(Interlocked.Read(ref unreadyTicks));

    public void Unready(DateTime at) => Interlocked.CompareExchange(ref unreadyTicks, at.Ticks, 0);

    private static DateTime? At(long ticks) => ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);

    public void Sending() => Interlocked.Increment(ref sent);

    public void Count(Outcome outcome, string? problem, bool isReview)
    {
        if (outcome == Outcome.Ok && isReview)
        {
            Interlocked.Increment(ref reviewsOk);
        }

        _ = outcome switch
        {
            Outcome.Ok => Interlocked.Increment(ref ok),
            Outcome.Wrong => Interlocked.Increment(ref wrong),
            Outcome.Failed => Interlocked.Increment(ref failed),
            _ => Interlocked.Increment(ref refused),
        };
        var now = DateTime.UtcNow.Ticks;
        if (outcome == Outcome.Refused)
        {
            Interlocked.CompareExchange(ref firstRefusalTicks, now, 0);
        }
        else if (outcome == Outcome.Ok)
        {
            // A maximum, not the last write: workers finish out of order.
            for (var seen = Interlocked.Read(ref lastAnswerTicks); now > seen; seen = Interlocked.Read(ref lastAnswerTicks))
            {
                if (Interlocked.CompareExchange(ref lastAnswerTicks, now, seen) == seen)
                {
                    break;
                }
            }
        }

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
