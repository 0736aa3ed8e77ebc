using AcrGuard.Benchmarks;
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(RuleEvaluationBenchmarks).Assembly).Run(args);
