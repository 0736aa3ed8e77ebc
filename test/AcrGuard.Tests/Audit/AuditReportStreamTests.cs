using AcrGuard.Audit;
using AcrGuard.Audit.Cluster;
using AcrGuard.Check.Output;
using AcrGuard.Configuration;
using AcrGuard.FakeKubeApi;
using AcrGuard.Findings;

namespace AcrGuard.Tests.Audit;

/// <summary>The audit writes its report object by object as the pages are judged: the same bytes as a report held whole, and no object held.</summary>
public class AuditReportStreamTests
{
    private const int Deployments = 40;

    [TestCase("text")]
    [TestCase("json")]
    [TestCase("sarif")]
    [TestCase("junit")]
    public async Task The_report_written_as_the_audit_goes_is_the_report_held_whole_written_at_the_end(string format)
    {
        await using var cluster = await ClusterWithFindingsAsync();
        using var source = Connect(cluster);
        var held = await new AuditRunner(source, new Evaluator(AcrGuardConfig.Default), new AuditOptions { PageSize = 7 }).RunAsync(CancellationToken.None);
        using var whole = new MemoryStream();
        ReportFormats.For(format).Write(held.Report, whole);

        var audit = cluster.Audit("--output", format, "--page-size", "7");

        Assert.Multiple(() =>
        {
            Assert.That(held.Report.Objects, Has.Count.EqualTo(2 * Deployments + 2), "the held report has every object");
            Assert.That(audit.ExitCode, Is.EqualTo(1), audit.Stderr);
            Assert.That(audit.Stdout, Is.EqualTo(Manifests.ManifestLoader.Utf8.GetString(whole.ToArray())));
        });
    }

    [Test]
    public async Task An_audit_written_as_it_goes_holds_no_object_and_no_finding_without_policy_reports()
    {
        await using var cluster = await ClusterWithFindingsAsync();
        using var source = Connect(cluster);
        using var output = new MemoryStream();
        var runner = new AuditRunner(source, new Evaluator(AcrGuardConfig.Default), new AuditOptions { KeepFindings = false }) { Writer = new JsonReportWriter(), Output = output };

        var audit = await runner.RunAsync(CancellationToken.None);
        using (audit.Report.Output)
        {
            audit.Report.Output!.Finish(audit.Report);
        }

        using var document = System.Text.Json.JsonDocument.Parse(output.ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(audit.Report.Objects, Is.Empty);
            Assert.That(audit.WithFindings, Is.Empty);
            Assert.That(audit.Report.ObjectCount, Is.EqualTo(2 * Deployments + 2));
            Assert.That(audit.Report.Denied, Is.EqualTo(Deployments));
            Assert.That(document.RootElement.GetProperty("objects").GetArrayLength(), Is.EqualTo(2 * Deployments + 2));
        });
    }

    [Test]
    public async Task A_cluster_that_fails_half_way_prints_no_half_report()
    {
        await using var cluster = await ClusterWithFindingsAsync();
        cluster.Server.Forbid(ApiResource.Pods);

        var audit = cluster.Audit("--output", "json", "--page-size", "7");

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(2));
            Assert.That(audit.Stdout, Is.Empty);
            Assert.That(audit.Stderr, Does.Contain("403"));
        });
    }

    // Denied and clean Deployments, and the shipped example with warnings (a DaemonSet and a ReplicationController).
    private static async Task<FakeCluster> ClusterWithFindingsAsync()
    {
        var cluster = await FakeCluster.StartAsync();
        for (var i = 0; i < Deployments; i++)
        {
            cluster.Add(Workloads.MisplacedDeployment($"web-{i:D2}", $"uid-misplaced-{i}"), "shop");
            cluster.Add(Workloads.FixedDeployment($"api-{i:D2}", $"uid-fixed-{i}"), i % 2 == 0 ? "shop" : "payments");
        }

        cluster.Add(File.ReadAllText(CliRun.InTestDirectory("examples", "bad", "warnings.yaml")), "shop");
        return cluster;
    }

    private static KubernetesClusterSource Connect(FakeCluster cluster) =>
        ClusterConnection.Connect(ClusterConnection.Configure(cluster.Kubeconfig, null, null, "/nonexistent-home"));
}
