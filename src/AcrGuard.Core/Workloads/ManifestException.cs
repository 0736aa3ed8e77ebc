namespace AcrGuard.Workloads;

/// <summary>A document that is not a Kubernetes object AcrGuard can read; the message says what is wrong and where.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException(string message)
        : base(message)
    {
    }

    public ManifestException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ManifestException()
    {
    }
}
