namespace AcrGuard.Deploy.Tests;

/// <summary>kubectl kustomize refused an overlay; the message carries its stderr.</summary>
public sealed class KustomizeException : Exception
{
    public KustomizeException()
    {
    }

    public KustomizeException(string message)
        : base(message)
    {
    }

    public KustomizeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
