using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcrGuard.Webhook.Tls;

/// <summary>Reads a PEM file of certificates, as a <c>ca.crt</c> key of a Secret or ConfigMap mounts it.</summary>
public static class PemBundle
{
    /// <exception cref="CertificateException">The file cannot be read or holds no certificate.</exception>
    public static X509Certificate2Collection Load(string path)
    {
        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertificateException($"{path}: cannot read the client CA: {e.Message}", e);
        }
        catch (CryptographicException e)
        {
            throw new CertificateException($"{path}: not a PEM file of CA certificates: {e.Message}", e);
        }

        if (bundle.Count == 0)
        {
            throw new CertificateException($"{path}: no certificate in it (expected PEM blocks -----BEGIN CERTIFICATE-----)");
        }

        return bundle;
    }
}
