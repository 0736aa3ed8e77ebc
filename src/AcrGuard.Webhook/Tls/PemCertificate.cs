using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcrGuard.Webhook.Tls;

/// <summary>Reads a certificate and its key as a Kubernetes TLS Secret mounts them (tls.crt, tls.key).</summary>
public static class PemCertificate
{
    public static X509Certificate2 Load(string certPath, string keyPath)
    {
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new CertificateException($"{keyPath}: no private key for the certificate in {certPath}");
            }

            return certificate;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertificateException($"cannot read the TLS certificate or key: {e.Message}", e);
        }
        catch (CryptographicException e)
        {
            throw new CertificateException($"{certPath} and {keyPath} are not a PEM certificate and its matching private key: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new CertificateException($"{certPath} and {keyPath} are not a PEM certificate and its matching private key: {e.Message}", e);
        }
    }
}
