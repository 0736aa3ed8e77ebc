namespace AcrGuard.Webhook.Admission;

/// <summary>A body that is not a usable AdmissionReview; the message names the field and what is wrong.</summary>
public sealed class BadReviewException : Exception
{
    public BadReviewException(string message)
        : base(message)
    {
    }

    public BadReviewException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BadReviewException()
    {
    }

    /// <summary>The request's uid when it could be read before the fault, so that the answer can echo it.</summary>
    public string Uid { get; init; } = string.Empty;
}
