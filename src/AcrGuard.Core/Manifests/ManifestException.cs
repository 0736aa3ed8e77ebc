namespace AcrGuard.Manifests;

/// <summary>A manifest that cannot be read or parsed as YAML or JSON; the message names the file, and the line where one is known.</summary>
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
