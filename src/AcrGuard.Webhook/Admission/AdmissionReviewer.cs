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
        if (body.IsEmpty)
        {
            return Bad(string.Empty, "the body is empty: send an AdmissionReview", mode);
        }

        AdmissionRequest request;
        try
        {
            request = AdmissionRequestDecoder.Decode(body, evaluator.Config.Workloads);
        }
        catch (JsonException e)
        {
            return Bad(string.Empty, $"not JSON: {e.Message}", mode);
        }
        catch (BadReviewException e)
        {
            return Bad(e.Uid, e.Message, mode);
        }

        return Judge(request, evaluator, mode);
    }

    private static ReviewResult Judge(AdmissionRequest request, Evaluator evaluator, EnforcementMode mode)
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
            obj = request.Bound ?? ObjectReader.Read(json.Span, workloads);
            old = request.OldBound ?? (request.OldObjectJson is { } oldJson ? ObjectReader.Read(oldJson.Span, workloads) : null);
        }
        catch (ManifestException e)
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
