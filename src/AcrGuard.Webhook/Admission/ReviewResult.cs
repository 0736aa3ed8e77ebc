using AcrGuard.Configuration;
using AcrGuard.Findings;

namespace AcrGuard.Webhook.Admission;

/// <summary>What a review came to: the HTTP status and answer to send, and what to log and count.</summary>
public sealed record ReviewResult(int HttpStatus, AdmissionReviewAnswer Answer)
{
    /// <summary>The request, when the body was an AdmissionReview.</summary>
    public AdmissionRequest? Request { get; init; }

    public EnforcementMode Mode { get; init; }

    /// <summary>The rules' verdict, when the object was judged.</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>Why the body or object could not be judged, when it could not.</summary>
    public string? Problem { get; init; }

    /// <summary>The request set acrguard.io/mode to audit on a namespace (the guard's verdict is in <see cref="Allowed"/>).</summary>
    public bool ModeDowngrade { get; init; }

    /// <summary>The exception that cut the review short, when one did: the answer is then the fault answer.</summary>
    public Exception? Fault { get; init; }

    /// <summary>A 429 for a client past its share of the budget (counted as client_limit, not overloaded).</summary>
    public bool ClientLimited { get; init; }

    public bool Allowed => Answer.Response.Allowed;
}
