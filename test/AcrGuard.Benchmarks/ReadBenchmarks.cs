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

    [GlobalSetup]
    public void Setup()
    {
        deployment = Json(Samples.CrossAccountDeployment);
        pod = Json(Samples.Pod);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        deployment.Dispose();
        pod.Dispose();
    }

    [Benchmark(Baseline = true)]
    public KubeObject Deployment() => ObjectReader.Read(deployment.RootElement);

    [Benchmark]
    public KubeObject Pod() => ObjectReader.Read(pod.RootElement);

    private static JsonDocument Json(string yaml)
    {
        foreach (var document in AcrGuard.Manifests.ManifestLoader.Load("b.yaml", yaml))
        {
            return JsonDocument.Parse(document.Root.GetRawText());
        }

        throw new InvalidOperationException("no document");
    }
}
