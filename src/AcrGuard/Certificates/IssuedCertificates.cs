using System.Security.Cryptography.X509Certificates;

namespace AcrGuard.Certificates;

/// <summary>A CA and the serving certificate it signed, both with their private keys.</summary>
public sealed class IssuedCertificates(X509Certificate2 ca, X509Certificate2 serving) : IDisposable
{
    public X509Certificate2 Ca { get; } = ca;

    public X509Certificate2 Serving { get; } = serving;

    public string CaCertificatePem => Ca.ExportCertificatePem() + "\n";

    public string ServingCertificatePem => Serving.ExportCertificatePem() + "\n";

    public string ServingKeyPem => PrivateKeyPem(Serving);

    public string CaKeyPem => PrivateKeyPem(Ca);

    public void Dispose()
    {
        Ca.Dispose();
        Serving.Dispose();
    }

    private static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException($"{certificate.Subject} has no ECDSA private key");
        return key.ExportPkcs8PrivateKeyPem() + "\n";
    }
}
