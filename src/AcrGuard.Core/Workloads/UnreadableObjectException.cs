namespace AcrGuard.Workloads;

/// <summary>
/// An object AcrGuard cannot read as its kind (a file's document, a review's object, a listed item):
/// not an object, no apiVersion or kind, or a field the rules read of the wrong type; the message
/// says what is wrong and where.
/// </summary>
public sealed class UnreadableObjectException : Exception
{
    public UnreadableObjectException(string message)
        : base(message)
    {
    }

    public UnreadableObjectException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UnreadableObjectException()
    {
    }
}
