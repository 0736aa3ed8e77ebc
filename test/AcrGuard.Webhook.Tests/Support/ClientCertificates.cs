using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>
/// A private CA as a cluster has one for kube-apiserver's client certificates, and the certificates
/// it issues: what an --admission-control-config-file kubeconfig presents to a webhook.
/// </summary>
internal sealed class ClientCertificates : IDisposable
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2 authority;

    public ClientCertificates(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>The CA certificate as <c>ca.crt</c> holds it.</summary>
    public string Pem => authority.ExportCertificatePem();

    /// <summary>Writes the CA certificate to <paramref name="path"/>, as the kubelet swaps a mounted file.</summary>
    public void WriteTo(string path)
    {
        File.WriteAllText(path + ".tmp", Pem);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>A client certificate with its key: CN <paramref name="commonName"/>, the DNS names given, for client authentication unless <paramref name="serverOnly"/>.</summary>
    public X509Certificate2 Issue(string commonName, string[]? dnsNames = null, bool serverOnly = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=system:masters", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([serverOnly ? ServerAuthentication : ClientAuthentication], critical: false));
        if (dnsNames is { Length: > 0 })
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                names.AddDnsName(name);
            }

            request.CertificateExtensions.Add(names.Build());
        }

        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        return issued.CopyWithPrivateKey(key);
    }

    public void Dispose() => authority.Dispose();
}
