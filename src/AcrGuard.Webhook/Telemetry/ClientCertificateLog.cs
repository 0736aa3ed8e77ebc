using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Telemetry;

/// <summary>
/// Says once per burst (<see cref="RefusalBurst"/>) that a TLS handshake was refused for its client
/// certificate, with the address and the reason but nothing of the certificate: what a stranger
/// presents is not for the log. Each refusal is counted as
/// <c>acrguard_admission_failures_total{reason="client_certificate"}</c>.
/// </summary>
public sealed partial class ClientCertificateLog(ILogger<ClientCertificateLog> logger, TimeProvider time)
{
    private readonly RefusalBurst burst = new(time);

    public ClientCertificateLog(ILogger<ClientCertificateLog> logger)
        : this(logger, TimeProvider.System)
    {
    }

    public void Refused(string remote, string problem)
    {
        if (burst.Starts(out var previousBurst))
        {
            ClientCertificateRefused(logger, remote, problem, RefusalBurst.Quiet.TotalSeconds, previousBurst);
        }
    }

    [LoggerMessage(EventId = 17, EventName = "ClientCertificateRefused", Level = LogLevel.Warning,
        Message = "Refused the TLS handshake of {Remote}: {Problem}. Further refusals are counted as acrguard_admission_failures_total reason client_certificate and logged again only after {QuietSeconds} s without one; the burst before this one refused {PreviousBurst}")]
    private static partial void ClientCertificateRefused(ILogger logger, string remote, string problem, double quietSeconds, long previousBurst);
}
