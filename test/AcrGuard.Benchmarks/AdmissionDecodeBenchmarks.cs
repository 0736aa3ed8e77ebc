using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.Benchmarks.Admission;
using AcrGuard.Webhook.Admission;
using AcrGuard.Workloads;
using BenchmarkDotNet.Attributes;

namespace AcrGuard.Benchmarks;

/// <summary>
/// From the body to the bound object, two ways (issue 14): the webhook's hand-written decoder,
/// which binds the objects in the pass that reads the envelope, against a source-generated DTO
/// whose objects are <see cref="JsonElement"/>s, bound from those. Both
/// check the same fields (kind, apiVersion, uid, operation) and bind the same model.
/// </summary>
[MemoryDiagnoser]
public class AdmissionDecodeBenchmarks
{
    private byte[] body = null!;
    private ReadOnlyMemory<byte> objectJson;

    /// <summary>The review of docs/reviews (2 KB, indented), and a compact one carrying the API's every-field Deployment (about 30 KB), as kube-apiserver sends them with managedFields.</summary>
    [Params("cross-account", "every-field")]
    public string Review { get; set; } = "cross-account";

    [GlobalSetup]
    public void Setup()
    {
        var review = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "assets", "reviews", "deployment-cross-account.json"));
        if (Review == "every-field")
        {
            var node = JsonNode.Parse(review)!;
            node["request"]!["object"] = JsonNode.Parse(Samples.Asset("apps.v1.Deployment.json"));
            review = JsonSerializer.SerializeToUtf8Bytes(node);
        }

        body = review;
        objectJson = AdmissionRequestDecoder.Decode(body).NewObject!.Json;
        if (HandWrittenDecoder().Identity.Name != SourceGeneratedDto().Identity.Name)
        {
            throw new InvalidOperationException("the two decoders read different objects: the comparison would be meaningless");
        }
    }

    [Benchmark(Baseline = true)]
    public KubeObject HandWrittenDecoder()
    {
        var request = AdmissionRequestDecoder.Decode(body);
        return request.NewObject!.Bound!;
    }

    /// <summary>
    /// What keeping the object as a slice and binding it afterwards would add (the first try of
    /// issue 14's one path): the decoder has to step over the object's tokens to find its end.
    /// Binding in the envelope's pass saves this.
    /// </summary>
    [Benchmark]
    public long StepOverTheObject()
    {
        var reader = new Utf8JsonReader(objectJson.Span, new JsonReaderOptions { MaxDepth = 64 });
        reader.Read();
        reader.Skip();
        return reader.BytesConsumed;
    }

    [Benchmark]
    public KubeObject SourceGeneratedDto()
    {
        var review = JsonSerializer.Deserialize(body, AdmissionReviewDtoContext.Default.AdmissionReviewDto)!;
        if (review.Kind != "AdmissionReview" || review.ApiVersion != AdmissionRequestDecoder.ApiVersion)
        {
            throw new InvalidOperationException("not an AdmissionReview");
        }

        var request = review.Request ?? throw new InvalidOperationException("no request");
        if (string.IsNullOrEmpty(request.Uid) || request.Operation is not ("CREATE" or "UPDATE" or "DELETE" or "CONNECT"))
        {
            throw new InvalidOperationException("no uid or operation");
        }

        return ObjectReader.Read(JsonMarshal.GetRawUtf8Value(request.AdmittedObject ?? throw new InvalidOperationException("no object")));
    }
}
