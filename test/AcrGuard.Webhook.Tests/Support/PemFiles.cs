using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>A serving certificate for localhost written as a TLS Secret mounts it: tls.crt and tls.key.</summary>
internal static class PemFiles
{
    /// <summary>Writes a new certificate over the files and returns its thumbprint.</summary>
    public static string Write(string certPath, string keyPath, string commonName = "localhost", TimeSpan? validFor = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.Add(validFor ?? TimeSpan.FromDays(1)));

        // Written beside and moved into place, as the kubelet swaps a Secret's files atomically.
        File.WriteAllText(keyPath + ".tmp", key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certPath + ".tmp", certificate.ExportCertificatePem());
        File.Move(keyPath + ".tmp", keyPath, overwrite: true);
        File.Move(certPath + ".tmp", certPath, overwrite: true);
        return certificate.Thumbprint;
    }
}
