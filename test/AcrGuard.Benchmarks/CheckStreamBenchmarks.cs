using AcrGuard.Check;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Manifests;
using BenchmarkDotNet.Attributes;
using YamlDotNet.Core;

namespace AcrGuard.Benchmarks;

/// <summary>
/// `acrguard check` over a large multi-document stream, against the floor of parsing the same
/// YAML alone (YamlDotNet's parser, every event read): the target is at most 1.5 times it.
/// </summary>
[MemoryDiagnoser]
public class CheckStreamBenchmarks
{
    private const int Objects = 2_000;
    private string stream = null!;
    private CheckRunner runner = null!;

    [GlobalSetup]
    public void Setup()
    {
        stream = Samples.Stream(Objects);
        runner = new CheckRunner(new Evaluator(AcrGuardConfig.Default), EnforcementMode.Enforce);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Objects)]
    public int ParseYamlAlone()
    {
        var parser = new Parser(new StringReader(stream));
        var events = 0;
        while (parser.MoveNext())
        {
            events++;
        }

        return events;
    }

    [Benchmark(OperationsPerInvoke = Objects)]
    public int YamlToJson()
    {
        var count = 0;
        foreach (var document in ManifestLoader.Load("stream.yaml", stream))
        {
            count += document.Root.ValueKind == System.Text.Json.JsonValueKind.Object ? 1 : 0;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Objects)]
    public int Check()
    {
        var report = new CheckReport(EnforcementMode.Enforce);
        runner.CheckText(report, "stream.yaml", stream);
        return report.Objects.Count;
    }
}
