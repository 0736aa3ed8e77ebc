using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Telemetry;

/// <summary>
/// Says once per burst (<see cref="RefusalBurst"/>) that a client was refused for holding its share
/// of the connections or of the request-body budget; each refusal is counted as
/// <c>acrguard_admission_failures_total{reason="client_limit"}</c>.
/// </summary>
public sealed partial class ClientLimitLog(ILogger<ClientLimitLog> logger, TimeProvider time)
{
    private readonly RefusalBurst connections = new(time);
    private readonly RefusalBurst bodies = new(time);

    public ClientLimitLog(ILogger<ClientLimitLog> logger)
        : this(logger, TimeProvider.System)
    {
    }

    public void ConnectionRefused(string remote, int perClient, int capacity)
    {
        if (connections.Starts(out var previousBurst))
        {
            ConnectionLimited(logger, remote, perClient, capacity, RefusalBurst.Quiet.TotalSeconds, previousBurst);
        }
    }

    public void BodyRefused(string remote, long bytes, long held, long share)
    {
        if (bodies.Starts(out var previousBurst))
        {
            BodyLimited(logger, remote, bytes, held, share, RefusalBurst.Quiet.TotalSeconds, previousBurst);
        }
    }

    [LoggerMessage(EventId = 14, EventName = "ClientConnectionLimit", Level = LogLevel.Warning,
        Message = "Closed a new connection from {Remote}: it holds {PerClient} of the webhook port's {Capacity} connections, its share, and the rest stays for other clients. Further refusals are counted as acrguard_admission_failures_total reason client_limit and logged again only after {QuietSeconds} s without one; the burst before this one refused {PreviousBurst}")]
    private static partial void ConnectionLimited(ILogger logger, string remote, int perClient, int capacity, double quietSeconds, long previousBurst);

    [LoggerMessage(EventId = 15, EventName = "ClientBudgetLimit", Level = LogLevel.Warning,
        Message = "Answered HTTP 429 to a {Bytes}-byte body from {Remote}: it holds {Held} bytes of request bodies in flight, past its share of {Share}, while other clients wait. Further refusals are counted as acrguard_admission_failures_total reason client_limit and logged again only after {QuietSeconds} s without one; the burst before this one refused {PreviousBurst}")]
    private static partial void BodyLimited(ILogger logger, string remote, long bytes, long held, long share, double quietSeconds, long previousBurst);
}
