namespace AcrGuard.Certificates;

/// <summary>Writes the PEM files the Deployment mounts (tls.crt, tls.key) and the CA for the caBundle.</summary>
public static class CertificateFiles
{
    public const string CaCertificate = "ca.crt";
    public const string CaKey = "ca.key";
    public const string ServingCertificate = "tls.crt";
    public const string ServingKey = "tls.key";

    /// <summary>Writes the files and returns their paths; an existing file of the same name is replaced.</summary>
    public static IReadOnlyList<string> Write(string directory, IssuedCertificates issued, bool keepCaKey)
    {
        ArgumentNullException.ThrowIfNull(issued);
        Directory.CreateDirectory(directory);
        var written = new List<string>
        {
            WritePublic(directory, CaCertificate, issued.CaCertificatePem),
            WritePublic(directory, ServingCertificate, issued.ServingCertificatePem),
            WritePrivate(directory, ServingKey, issued.ServingKeyPem),
        };

        // Without the CA key nobody can sign another certificate that the webhook's caBundle trusts;
        // keep it only when asked, to renew the serving certificate under the same CA.
        if (keepCaKey)
        {
            written.Add(WritePrivate(directory, CaKey, issued.CaKeyPem));
        }

        return written;
    }

    private static string WritePublic(string directory, string name, string pem)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, pem);
        return path;
    }

    private static string WritePrivate(string directory, string name, string pem)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, pem);
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only, like ssh-keygen's keys: a replaced file keeps its old mode, so set it after writing.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }
}
