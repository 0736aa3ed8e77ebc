using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcrGuard.Certificates;

/// <summary>Makes a private CA and a serving certificate for the webhook, signed by it.</summary>
public static class CertificateIssuer
{
    /// <summary>
    /// Backdated so that a node whose clock is a little behind still accepts the certificate at once
    /// (cert-manager backdates by the same margin for the same reason).
    /// </summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static IssuedCertificates Issue(ServingCertificateSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(spec.Days, 0);
        var notBefore = now - ClockSkew;
        var notAfter = now.AddDays(spec.Days);

        // ECDSA P-256: accepted by kube-apiserver's Go TLS stack and far cheaper to make than RSA.
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={spec.Service}-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var caSki = new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false);
        caRequest.CertificateExtensions.Add(caSki);
        var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var servingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var servingRequest = new CertificateRequest($"CN={spec.Service}.{spec.Namespace}.svc", servingKey, HashAlgorithmName.SHA256);
        servingRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        servingRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        servingRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        servingRequest.CertificateExtensions.Add(SubjectAlternativeNames(spec));
        servingRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(servingRequest.PublicKey, false));
        servingRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(caSki));
        using var servingPublic = servingRequest.Create(ca, notBefore, notAfter, SerialNumber());
        var serving = servingPublic.CopyWithPrivateKey(servingKey);

        return new IssuedCertificates(ca, serving);
    }

    private static X509Extension SubjectAlternativeNames(ServingCertificateSpec spec)
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in spec.DnsNames)
        {
            names.AddDnsName(dns);
        }

        foreach (var ip in spec.IpAddresses)
        {
            names.AddIpAddress(ip);
        }

        // Not critical: the subject is not empty (RFC 5280, section 4.2.1.6).
        return names.Build(false);
    }

    /// <summary>A random positive serial of 16 bytes, as RFC 5280 section 4.1.2.2 asks (at most 20, unique per CA).</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }
}
