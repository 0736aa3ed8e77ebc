using System.Runtime.ExceptionServices;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Admission;

namespace AcrGuard.Fuzz;

/// <summary>
/// The webhook's review path, bytes in, answer out, as <c>/validate</c> runs it (the same
/// <see cref="AdmissionReviewer.Review(ReadOnlyMemory{byte}, Evaluator, EnforcementMode?)"/>, fault
/// handling included). A bad body must end as a 4xx answer; a fault the review path caught and
/// answered is rethrown, so that it is a crash for AFL, as any exception that escapes is.
/// </summary>
internal static class ReviewTarget
{
    private static readonly Evaluator Evaluator = new(ConfigReader.Parse(
        "registries:\n  customDomains:\n    - {domain: test1234-registry.example.com, instanceId: cri-j36zhodptmyq1234}\n"));

    public static void Run(byte[] body)
    {
        var result = AdmissionReviewer.Review(body, Evaluator, pathMode: null);
        if (result.Fault is { } fault)
        {
            ExceptionDispatchInfo.Throw(fault);
        }

        if (result.HttpStatus is not (200 or 400))
        {
            throw new InvalidOperationException($"unexpected HTTP status {result.HttpStatus}");
        }

        // The answer must serialize: a finding's text reaches kube-apiserver through it.
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result.Answer, AdmissionJsonContext.Answers.AdmissionReviewAnswer);
    }
}
