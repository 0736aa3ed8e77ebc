using System.Text.Json;
using AcrGuard.Workloads;
using BenchmarkDotNet.Attributes;

namespace AcrGuard.Benchmarks;

/// <summary>Binding JSON into KubernetesClient's typed models, the step before the rules.</summary>
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private JsonDocument deployment = null!;
    private JsonDocument pod = null!;
    private JsonDocument everyField = null!;

    [GlobalSetup]
    public void Setup()
    {
        deployment = Json(Samples.CrossAccountDeployment);
        pod = Json(Samples.Pod);

        // The API's round-trip fixture: every field of a Deployment filled in (60 KB).
        everyField = JsonDocument.Parse(Samples.Asset("apps.v1.Deployment.json"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        deployment.Dispose();
        pod.Dispose();
        everyField.Dispose();
    }

    [Benchmark(Baseline = true)]
    public KubeObject Deployment() => ObjectReader.Read(deployment.RootElement);

    [Benchmark]
    public KubeObject Pod() => ObjectReader.Read(pod.RootElement);

    [Benchmark]
    public KubeObject DeploymentEveryField() => ObjectReader.Read(everyField.RootElement);

    private static JsonDocument Json(string yaml)
    {
        foreach (var document in AcrGuard.Manifests.ManifestLoader.Load("b.yaml", yaml))
        {
            return JsonDocument.Parse(document.Root.GetRawText());
        }

        throw new InvalidOperationException("no document");
    }
}
