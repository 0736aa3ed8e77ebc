using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AcrGuard.Webhook.Tls;

/// <summary>
/// Whether a client certificate the TLS handshake verified against the client CA may call the
/// webhook, and if not, why, in words that name nothing of the certificate: a refusal is logged,
/// and what a stranger presents is not for the log.
/// </summary>
public static class ClientCertificateCheck
{
    /// <summary>
    /// Null when the certificate is there, chained to the client CA for client authentication
    /// (<paramref name="errors"/> as SslStream found it with the client CA's chain policy) and,
    /// when <paramref name="names"/> has any, carries one of them as its subject CN or a DNS SAN.
    /// </summary>
    public static string? Problem(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, IReadOnlySet<string> names)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "no client certificate";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            // The chain's status flags (UntrustedRoot, NotTimeValid, NotValidForUsage, ...) say why
            // without saying who.
            var status = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct() ?? [];
            return $"not a client certificate of the client CA ({string.Join(", ", status)})";
        }

        // A server does not match a client's name (SslStream reports no name errors for it): the
        // names are checked here, CN first, as Gatekeeper's --client-cn-name does, then DNS SANs.
        if (names.Count > 0 && !Names(certificate).Any(names.Contains))
        {
            return "its subject CN and DNS names are none of --client-name";
        }

        return null;
    }

    private static IEnumerable<string> Names(X509Certificate certificate)
    {
        // SslStream hands over an X509Certificate2, which it owns; another kind only from a caller.
        using var copy = certificate is X509Certificate2 ? null : new X509Certificate2(certificate);
        var certificate2 = certificate as X509Certificate2 ?? copy!;
        foreach (var name in certificate2.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (!name.HasMultipleElements && name.GetSingleElementType().Value == CommonNameOid && name.GetSingleElementValue() is { } commonName)
            {
                yield return commonName;
            }
        }

        foreach (var extension in certificate2.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension alternative)
            {
                foreach (var dnsName in alternative.EnumerateDnsNames())
                {
                    yield return dnsName;
                }
            }
        }
    }

    private const string CommonNameOid = "2.5.4.3";
}
