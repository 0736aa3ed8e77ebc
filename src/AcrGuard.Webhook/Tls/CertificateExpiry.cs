namespace AcrGuard.Webhook.Tls;

/// <summary>When a serving certificate is near enough its notAfter to warn about.</summary>
public static class CertificateExpiry
{
    /// <summary>
    /// 14 days: cert-manager renews 30 days ahead (deploy/), so a certificate this close to its end
    /// means renewal failed; `acrguard certs` certificates are renewed by hand, and two weeks leave
    /// time to. docs/metrics.md alerts on the same figure.
    /// </summary>
    public static readonly TimeSpan WarnBefore = TimeSpan.FromDays(14);

    /// <summary>How often a running webhook looks again: a certificate nobody replaces still gets its warning.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromHours(1);

    public static bool IsNear(DateTimeOffset notAfter, DateTimeOffset now) => notAfter - now <= WarnBefore;
}
