namespace AcrGuard.Webhook.Tls;

/// <summary>The serving certificate or key cannot be used; the message names the file and why.</summary>
public sealed class CertificateException : Exception
{
    public CertificateException(string message)
        : base(message)
    {
    }

    public CertificateException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CertificateException()
    {
    }
}
