using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Admission;

namespace AcrGuard.Fuzz;

/// <summary>
/// The webhook's decoder and the rules, bytes in, answer out, as <c>/validate</c> runs them. A bad
/// body must end as a 4xx answer; any exception that escapes is a crash for AFL.
/// </summary>
internal static class ReviewTarget
{
    private static readonly Evaluator Evaluator = new(ConfigReader.Parse(
        "registries:\n  customDomains:\n    - {domain: test1234-registry.example.com, instanceId: cri-j36zhodptmyq1234}\n"));

    public static void Run(byte[] body)
    {
        var result = AdmissionReviewer.Review(body, Evaluator, pathMode: null);
        if (result.HttpStatus is not (200 or 400))
        {
            throw new InvalidOperationException($"unexpected HTTP status {result.HttpStatus}");
        }

        // The answer must serialize: a finding's text reaches kube-apiserver through it.
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result.Answer, AdmissionJsonContext.Answers.AdmissionReviewAnswer);
    }
}
