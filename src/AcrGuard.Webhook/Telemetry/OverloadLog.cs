using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Telemetry;

/// <summary>
/// Says once per burst (<see cref="RefusalBurst"/>) that request bodies are being refused for want
/// of memory budget, and apart from that, that a client is refused for holding more than its share
/// of it while others wait; the next burst is logged again, with the count of the one before.
/// Every refusal is counted in the metrics either way.
/// </summary>
public sealed partial class OverloadLog(ILogger<OverloadLog> logger, TimeProvider time)
{
    public static readonly TimeSpan Quiet = RefusalBurst.Quiet;

    private readonly RefusalBurst burst = new(time);
    private readonly RefusalBurst clientBurst = new(time);

    public OverloadLog(ILogger<OverloadLog> logger)
        : this(logger, TimeProvider.System)
    {
    }

    public void Refused(string remote, long bytes, long inUse, long capacity, double waitedSeconds)
    {
        if (burst.Starts(out var previousBurst))
        {
            Overloaded(logger, remote, bytes, waitedSeconds, inUse, capacity, Quiet.TotalSeconds, previousBurst);
        }
    }

    public void ClientLimited(string remote, long bytes, long held, long share)
    {
        if (clientBurst.Starts(out var previousBurst))
        {
            ClientBudgetLimit(logger, remote, bytes, held, share, Quiet.TotalSeconds, previousBurst);
        }
    }

    [LoggerMessage(EventId = 15, EventName = "ClientBudgetLimit", Level = LogLevel.Warning,
        Message = "Answered HTTP 429 with Retry-After to a {Bytes}-byte body from {Remote}: that address holds {Held} bytes of request bodies in flight and this body would take it past its share of {Share}, which it may pass only while no other client waits. Further refusals are counted as acrguard_admission_failures_total reason client_limit and logged again only after {QuietSeconds} s without one; the burst before this one refused {PreviousBurst}")]
    private static partial void ClientBudgetLimit(ILogger logger, string remote, long bytes, long held, long share, double quietSeconds, long previousBurst);

    [LoggerMessage(EventId = 7, EventName = "Overloaded", Level = LogLevel.Warning,
        Message = "Request bodies in flight fill the memory budget: answering HTTP 429 with Retry-After (a {Bytes}-byte body from {Remote} waited {WaitedSeconds} s; {InUse} of {Capacity} bytes held). Further refusals are counted as acrguard_admission_failures_total reason overloaded and logged again only after {QuietSeconds} s without one; the burst before this one refused {PreviousBurst}")]
    private static partial void Overloaded(ILogger logger, string remote, long bytes, double waitedSeconds, long inUse, long capacity, double quietSeconds, long previousBurst);
}
