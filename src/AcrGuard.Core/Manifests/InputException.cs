namespace AcrGuard.Manifests;

/// <summary>Input that cannot be read or parsed; the message names the file, and the line where one is known.</summary>
public sealed class InputException : Exception
{
    public InputException(string message)
        : base(message)
    {
    }

    public InputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public InputException()
    {
    }
}
