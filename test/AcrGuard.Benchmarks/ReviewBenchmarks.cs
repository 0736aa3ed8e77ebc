using System.Buffers;
using System.Text.Json;
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

    [GlobalSetup]
    public void Setup()
    {
        review = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "assets", "reviews", "deployment-cross-account.json"));
        evaluator = new Evaluator(AcrGuardConfig.Default);
        writer = new Utf8JsonWriter(output);

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
    public int Review()
    {
        var result = AdmissionReviewer.Review(review, evaluator, null);
        output.ResetWrittenCount();
        writer.Reset();
        JsonSerializer.Serialize(writer, result.Answer, AdmissionJsonContext.Answers.AdmissionReviewAnswer);
        return output.WrittenCount;
    }
}
