namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// Endpoint metadata naming the port an endpoint belongs to: reviews on the TLS port only,
/// metrics and probes on the plain one.
/// </summary>
public sealed record Listener(bool Webhook);
