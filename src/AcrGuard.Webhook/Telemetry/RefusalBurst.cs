namespace AcrGuard.Webhook.Telemetry;

/// <summary>
/// Which refusals of one kind get a log line: the first of a burst, then none until
/// <see cref="Quiet"/> passes without a refusal. A flood refuses thousands a second, and one line
/// each would make the log the next thing to fail; the metrics count every refusal either way.
/// </summary>
public sealed class RefusalBurst(TimeProvider time)
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private long lastRefusal;
    private long refusedBefore;
    private bool any;

    /// <summary>
    /// Notes one refusal; true when it starts a burst and is to be logged, with
    /// <paramref name="previousBurst"/> the count of the burst before it.
    /// </summary>
    public bool Starts(out long previousBurst)
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            var continues = any && time.GetElapsedTime(lastRefusal, now) < Quiet;
            lastRefusal = now;
            any = true;
            if (continues)
            {
                refusedBefore++;
                previousBurst = 0;
                return false;
            }

            previousBurst = refusedBefore;
            refusedBefore = 1;
            return true;
        }
    }
}
