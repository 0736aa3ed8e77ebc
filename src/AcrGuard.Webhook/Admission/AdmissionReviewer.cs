using System.Text.Json;
using AcrGuard.Configuration;
using AcrGuard.Findings;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// One admission review, body in, answer out, with no HTTP in sight: decode the envelope, read
/// the objects, run the rules, and shape the answer. CREATE is judged as it is; UPDATE against
/// its old object (ratcheting, AG004); DELETE and CONNECT carry nothing to judge. The one path
/// every caller takes: the webhook's transport, the namespace guard, benchmarks, fuzzing, tests.
/// </summary>
public static class AdmissionReviewer
{
    /// <summary>A review by the rules, in the path's mode or else the configured one.</summary>
    public static ReviewResult Review(ReadOnlyMemory<byte> body, Evaluator evaluator, EnforcementMode? pathMode) =>
        Review(body, evaluator, pathMode ?? evaluator.Config.Mode, Judge);

    /// <summary>
    /// Decode, judge, answer, fault handling included: a fault is answered by <see cref="Fault"/>,
    /// with the request's uid once it was decoded (the answer names the exception in
    /// <see cref="ReviewResult.Fault"/>, for the log and for a fuzzer to rethrow).
    /// </summary>
    public static ReviewResult Review(ReadOnlyMemory<byte> body, Evaluator evaluator, EnforcementMode mode, Judgement judgement)
    {
        AdmissionRequest? request = null;
        try
        {
            (request, var refusal) = Decode(body, mode, evaluator.Config.Workloads);
            return request is null ? refusal! : judgement(request, evaluator, mode);
        }
        catch (Exception e)
        {
            return Fault(request, mode, e);
        }
    }

    /// <summary>The request of an AdmissionReview, or the 400 that says why the body is not one.</summary>
    private static (AdmissionRequest? Request, ReviewResult? Refusal) Decode(ReadOnlyMemory<byte> body, EnforcementMode mode, IReadOnlyList<WorkloadKind> workloads)
    {
        if (body.IsEmpty)
        {
            return (null, Bad(string.Empty, "the body is empty: send an AdmissionReview", mode));
        }

        try
        {
            return (AdmissionRequestDecoder.Decode(body, workloads), null);
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

    /// <summary>Runs the rules on the objects of a decoded request (bound while it was decoded).</summary>
    public static ReviewResult Judge(AdmissionRequest request, Evaluator evaluator, EnforcementMode mode)
    {
        if (request.Operation is AdmissionOperation.Delete or AdmissionOperation.Connect || request.NewObject is not { } admitted)
        {
            return Answer(request, mode, AdmissionResponses.Allowed(request.Uid));
        }

        if (admitted.Bound is not { } obj || request.OldObject is { Bound: null })
        {
            // The envelope is fine but the object is not one AcrGuard can read: say so to the user
            // through kube-apiserver rather than fail the call; audit never stands in the way.
            var problem = admitted.Problem ?? request.OldObject?.Problem ?? string.Empty;
            var message = $"AcrGuard cannot read the {Describe(request)}: {problem}";
            var response = mode == EnforcementMode.Audit
                ? AdmissionResponses.Allowed(request.Uid).WithWarnings([MessageText.Clamp(message)])
                : AdmissionResponses.Errored(request.Uid, 400, message);
            return Answer(request, mode, response) with { Problem = problem };
        }

        var verdict = evaluator.Evaluate(obj, request.OldObject?.Bound, mode);
        var answer = verdict.Allowed
            ? AdmissionResponses.Allowed(request.Uid)
            : AdmissionResponses.Denied(request.Uid, AdmissionResponses.DenialMessage(verdict));
        return Answer(request, mode, answer.WithWarnings(WarningList.From(verdict))) with { Verdict = verdict };
    }

    private static ReviewResult Answer(AdmissionRequest request, EnforcementMode mode, AdmissionResponse response) =>
        new(200, new AdmissionReviewAnswer(response)) { Request = request, Mode = mode };

    /// <summary>HTTP 400: kube-apiserver treats it as a failed call; the body says why for whoever reads it.</summary>
    public static ReviewResult Bad(string uid, string problem, EnforcementMode mode, int status = 400) =>
        new(status, new AdmissionReviewAnswer(AdmissionResponses.Errored(uid, status, problem))) { Problem = problem, Mode = mode };

    private static string Describe(AdmissionRequest request) =>
        request.Kind.Length == 0 ? "object" : request.Kind;
}
