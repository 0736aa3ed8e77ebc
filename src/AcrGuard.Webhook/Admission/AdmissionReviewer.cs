using System.Text.Json;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Workloads;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// One admission review, body in, answer out, with no HTTP in sight: decode the envelope, read
/// the objects, run the rules, and shape the answer. CREATE is judged as it is; UPDATE against
/// its old object (ratcheting, AG004); DELETE and CONNECT carry nothing to judge.
/// </summary>
public static class AdmissionReviewer
{
    public static ReviewResult Review(ReadOnlyMemory<byte> body, Evaluator evaluator, EnforcementMode? pathMode)
    {
        var mode = pathMode ?? evaluator.Config.Mode;
        var (request, refusal) = Decode(body, mode);
        return request is null ? refusal! : Judge(request, evaluator, mode);
    }

    /// <summary>The request of an AdmissionReview, or the 400 that says why the body is not one.</summary>
    public static (AdmissionRequest? Request, ReviewResult? Refusal) Decode(ReadOnlyMemory<byte> body, EnforcementMode mode)
    {
        if (body.IsEmpty)
        {
            return (null, Bad(string.Empty, "the body is empty: send an AdmissionReview", mode));
        }

        try
        {
            return (AdmissionRequestDecoder.Decode(body), null);
        }
        catch (JsonException e)
        {
            return (null, Bad(string.Empty, $"not JSON: {e.Message}", mode));
        }
        catch (BadReviewException e)
        {
            return (null, Bad(e.Uid, e.Message, mode));
        }
    }

    /// <summary>
    /// The answer to a fault nobody planned for, with the request's uid when it was decoded
    /// (kube-apiserver refuses an answer whose uid differs, which would fail the call whatever it
    /// says): enforce refuses with code 500 inside an HTTP 200, audit allows.
    /// </summary>
    public static ReviewResult Fault(AdmissionRequest? request, EnforcementMode mode, Exception fault)
    {
        var uid = request?.Uid ?? string.Empty;
        var response = mode == EnforcementMode.Audit
            ? AdmissionResponses.Allowed(uid)
            : AdmissionResponses.Errored(uid, 500, "AcrGuard met an internal error; see its log");
        return new ReviewResult(200, new AdmissionReviewAnswer(response)) { Request = request, Mode = mode, Problem = fault.Message, Fault = fault };
    }

    /// <summary>
    /// Binds the objects of a decoded request and runs the rules on them. The object's own
    /// apiVersion and kind choose its model, as for <c>acrguard check</c> and <c>audit</c>.
    /// </summary>
    public static ReviewResult Judge(AdmissionRequest request, Evaluator evaluator, EnforcementMode mode)
    {
        if (request.Operation is AdmissionOperation.Delete or AdmissionOperation.Connect || request.ObjectJson is not { } json)
        {
            return Answer(request, mode, AdmissionResponses.Allowed(request.Uid));
        }

        KubeObject obj;
        KubeObject? old;
        try
        {
            var workloads = evaluator.Config.Workloads;
            obj = ObjectReader.Read(json.Span, workloads);
            old = request.OldObjectJson is { } oldJson ? ObjectReader.Read(oldJson.Span, workloads) : null;
        }
        catch (UnreadableObjectException e)
        {
            // The envelope is fine but the object is not one AcrGuard can read: say so to the user
            // through kube-apiserver rather than fail the call; audit never stands in the way.
            var message = $"AcrGuard cannot read the {Describe(request)}: {e.Message}";
            var response = mode == EnforcementMode.Audit
                ? AdmissionResponses.Allowed(request.Uid).WithWarnings([MessageText.Clamp(message)])
                : AdmissionResponses.Errored(request.Uid, 400, message);
            return Answer(request, mode, response) with { Problem = e.Message };
        }

        var verdict = evaluator.Evaluate(obj, old, mode);
        var answer = verdict.Allowed
            ? AdmissionResponses.Allowed(request.Uid)
            : AdmissionResponses.Denied(request.Uid, AdmissionResponses.DenialMessage(verdict));
        return Answer(request, mode, answer.WithWarnings(WarningList.From(verdict))) with { Judged = obj, Verdict = verdict };
    }

    private static ReviewResult Answer(AdmissionRequest request, EnforcementMode mode, AdmissionResponse response) =>
        new(200, new AdmissionReviewAnswer(response)) { Request = request, Mode = mode };

    /// <summary>HTTP 400: kube-apiserver treats it as a failed call; the body says why for whoever reads it.</summary>
    public static ReviewResult Bad(string uid, string problem, EnforcementMode mode, int status = 400) =>
        new(status, new AdmissionReviewAnswer(AdmissionResponses.Errored(uid, status, problem))) { Problem = problem, Mode = mode };

    private static string Describe(AdmissionRequest request) =>
        request.Kind.Length == 0 ? "object" : request.Kind;
}
