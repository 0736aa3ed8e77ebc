using System.Text.Json;
using AcrGuard.Check;
using AcrGuard.Check.Output;
using AcrGuard.Configuration;
using AcrGuard.Findings;

namespace AcrGuard.Tests;

/// <summary>The JSON formats of a large stream: written as they go, not held whole until the end.</summary>
public class ReportWriterTests
{
    private static CheckReport StreamOf(int objects)
    {
        var text = string.Concat(Enumerable.Range(0, objects).Select(i => "---\n" + TestManifests.MisplacedDeployment.Replace("name: web", $"name: web-{i}", StringComparison.Ordinal) + "\n"));
        var report = new CheckReport(EnforcementMode.Enforce);
        new CheckRunner(new Evaluator(AcrGuardConfig.Default), EnforcementMode.Enforce).CheckText(report, "stream.yaml", text);
        return report;
    }

    [TestCase("json")]
    [TestCase("sarif")]
    public void A_large_report_reaches_the_output_in_pieces_and_reads_back_whole(string format)
    {
        var report = StreamOf(1000);
        var output = new WriteCountingStream();

        ReportFormats.For(format).Write(report, output);

        using var document = JsonDocument.Parse(output.ToArray());
        var entries = format == "json"
            ? document.RootElement.GetProperty("objects")
            : document.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.Multiple(() =>
        {
            Assert.That(entries.GetArrayLength(), Is.EqualTo(1000));
            Assert.That(output.Writes, Is.GreaterThan(2), "written only at the end");
            Assert.That(output.LargestWrite, Is.LessThan(128 * 1024), "a piece larger than the flush threshold and one entry");
        });
    }

    private sealed class WriteCountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public int LargestWrite { get; private set; }

        // MemoryStream sends a span written to a subclass through this overload.
        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            LargestWrite = Math.Max(LargestWrite, count);
            base.Write(buffer, offset, count);
        }
    }
}
