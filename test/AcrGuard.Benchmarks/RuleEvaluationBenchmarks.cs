using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Workloads;
using BenchmarkDotNet.Attributes;

namespace AcrGuard.Benchmarks;

/// <summary>The rules alone on an object already read: the target is under 10 us for a Deployment.</summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    private Evaluator evaluator = null!;
    private KubeObject deployment = null!;
    private KubeObject pod = null!;
    private KubeObject cronJob = null!;
    private KubeObject imageCache = null!;

    [GlobalSetup]
    public void Setup()
    {
        evaluator = new Evaluator(ConfigReader.Parse("""
            registries:
              customDomains:
                - domain: test1234-registry.example.com
                  instanceId: cri-j36zhodptmyq1234
            """));
        deployment = Samples.Read(Samples.CrossAccountDeployment);
        pod = Samples.Read(Samples.Pod);
        cronJob = Samples.Read(Samples.CronJob);
        imageCache = Samples.Read(Samples.CrossAccountImageCache);
    }

    [Benchmark(Baseline = true)]
    public Verdict Deployment() => evaluator.Evaluate(deployment);

    [Benchmark]
    public Verdict Pod() => evaluator.Evaluate(pod);

    [Benchmark]
    public Verdict CronJob() => evaluator.Evaluate(cronJob);

    [Benchmark]
    public Verdict ImageCache() => evaluator.Evaluate(imageCache);

    [Benchmark]
    public Verdict DeploymentUpdate() => evaluator.Evaluate(deployment, deployment);
}
