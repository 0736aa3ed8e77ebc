using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Telemetry;

/// <summary>
/// Says once per burst (<see cref="RefusalBurst"/>) that a connection was refused because its client
/// address holds its share of the webhook port's connections; each refusal is counted as
/// <c>acrguard_admission_failures_total{reason="client_limit"}</c>. (A body refused for its client's
/// share of the budget is <see cref="OverloadLog"/>'s.)
/// </summary>
public sealed partial class ClientLimitLog(ILogger<ClientLimitLog> logger, TimeProvider time)
{
    private readonly RefusalBurst connections = new(time);

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

    [LoggerMessage(EventId = 14, EventName = "ClientConnectionLimit", Level = LogLevel.Warning,
        Message = "Closed a new connection from {Remote}: it holds {PerClient} of the webhook port's {Capacity} connections, its share, and the rest stays for other clients. Further refusals are counted as acrguard_admission_failures_total reason client_limit and logged again only after {QuietSeconds} s without one; the burst before this one refused {PreviousBurst}")]
    private static partial void ConnectionLimited(ILogger logger, string remote, int perClient, int capacity, double quietSeconds, long previousBurst);
}
