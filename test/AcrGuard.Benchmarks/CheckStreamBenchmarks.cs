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
    private string jsonList = null!;
    private CheckRunner runner = null!;

    [GlobalSetup]
    public void Setup()
    {
        stream = Samples.Stream(Objects);
        // With the legacy singular key (AG013, a warning) every object has a finding to place.
        jsonList = Samples.JsonList(stream.Replace("acr-instance-ids", "acr-instance-id", StringComparison.Ordinal));
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

    // The same objects as one JSON `kind: List`, each with a finding whose line comes from the JSON text.
    [Benchmark(OperationsPerInvoke = Objects)]
    public int CheckJsonListWithFindings()
    {
        var report = new CheckReport(EnforcementMode.Enforce);
        runner.CheckText(report, "stream.json", jsonList);
        return report.Objects.Sum(o => o.Verdict.Findings.Count);
    }
}
