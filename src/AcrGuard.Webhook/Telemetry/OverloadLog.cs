using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Telemetry;

/// <summary>
/// Says once per burst (<see cref="RefusalBurst"/>) that request bodies are being refused for want
/// of memory budget; the next burst is logged again, with the count of the one before. Every
/// refusal is counted in the metrics either way.
/// </summary>
public sealed partial class OverloadLog(ILogger<OverloadLog> logger, TimeProvider time)
{
    public static readonly TimeSpan Quiet = RefusalBurst.Quiet;

    private readonly RefusalBurst burst = new(time);

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

    [LoggerMessage(EventId = 7, EventName = "Overloaded", Level = LogLevel.Warning,
        Message = "Request bodies in flight fill the memory budget: answering HTTP 429 with Retry-After (a {Bytes}-byte body from {Remote} waited {WaitedSeconds} s; {InUse} of {Capacity} bytes held). Further refusals are counted as acrguard_admission_failures_total reason overloaded and logged again only after {QuietSeconds} s without one; the burst before this one refused {PreviousBurst}")]
    private static partial void Overloaded(ILogger logger, string remote, long bytes, double waitedSeconds, long inUse, long capacity, double quietSeconds, long previousBurst);
}
