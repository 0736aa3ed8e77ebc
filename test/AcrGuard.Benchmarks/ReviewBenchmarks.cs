using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Admission;
using BenchmarkDotNet.Attributes;

namespace AcrGuard.Benchmarks;

/// <summary>
/// One review as the webhook handles it between reading the body and sending the answer: decode
/// the AdmissionReview, read the object, run the rules, write the answer. The baseline is the
/// floor of test/AcrGuard.Floor (parse, read request.uid), which test/load/load.sh measures on
/// sockets: the difference is what AcrGuard adds per review.
/// </summary>
[MemoryDiagnoser]
public class ReviewBenchmarks
{
    private readonly ArrayBufferWriter<byte> output = new(4096);
    private byte[] review = null!;
    private Evaluator evaluator = null!;
    private Utf8JsonWriter writer = null!;
    private byte[] cloneSetReview = null!;
    private Evaluator workloadsEvaluator = null!;

    [GlobalSetup]
    public void Setup()
    {
        review = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "assets", "reviews", "deployment-cross-account.json"));
        evaluator = new Evaluator(AcrGuardConfig.Default);
        writer = new Utf8JsonWriter(output);

        // The same object as an OpenKruise CloneSet, a kind from the configuration's workloads
        // list: bound by its own walk to the template rather than by the Deployment model.
        var node = JsonNode.Parse(review)!;
        node["request"]!["kind"] = new JsonObject { ["group"] = "apps.kruise.io", ["version"] = "v1alpha1", ["kind"] = "CloneSet" };
        node["request"]!["object"]!["apiVersion"] = "apps.kruise.io/v1alpha1";
        node["request"]!["object"]!["kind"] = "CloneSet";
        cloneSetReview = JsonSerializer.SerializeToUtf8Bytes(node);
        workloadsEvaluator = new Evaluator(ConfigReader.Parse("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet}\n  - {apiVersion: argoproj.io/v1alpha1, kind: Rollout}\n"));
        if (AdmissionReviewer.Review(cloneSetReview, workloadsEvaluator, null).Request?.NewObject?.Bound?.InScope != true)
        {
            throw new InvalidOperationException("the CloneSet review was not bound as a configured workload: the benchmark would not measure that path");
        }

        // A denial takes another path (the message, the log line): make sure this one is measured.
        if (!AdmissionReviewer.Review(review, evaluator, null).Allowed)
        {
            throw new InvalidOperationException("the cross-account review is denied: the benchmark would not measure an allowed review");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => writer.Dispose();

    [Benchmark(Baseline = true)]
    public int ParseAlone()
    {
        using var document = JsonDocument.Parse(review);
        return document.RootElement.GetProperty("request").GetProperty("uid").GetString()!.Length;
    }

    [Benchmark]
    public int Review() => Answer(AdmissionReviewer.Review(review, evaluator, null));

    /// <summary>The Deployment again, with a workloads list configured: the built-in kinds pay nothing for it.</summary>
    [Benchmark]
    public int ReviewWithWorkloadsConfigured() => Answer(AdmissionReviewer.Review(review, workloadsEvaluator, null));

    [Benchmark]
    public int ReviewCloneSet() => Answer(AdmissionReviewer.Review(cloneSetReview, workloadsEvaluator, null));

    private int Answer(ReviewResult result)
    {
        output.ResetWrittenCount();
        writer.Reset();
        JsonSerializer.Serialize(writer, result.Answer, AdmissionJsonContext.Answers.AdmissionReviewAnswer);
        return output.WrittenCount;
    }
}
