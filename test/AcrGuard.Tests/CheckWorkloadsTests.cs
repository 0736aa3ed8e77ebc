using System.Text.Json;
using AcrGuard.Testing;

namespace AcrGuard.Tests;

/// <summary>
/// <c>acrguard check</c> with a configuration that lists more workload kinds (OpenKruise, Argo
/// Rollouts), and on a CronJob's Job template: the same answers as the webhook gives.
/// </summary>
public class CheckWorkloadsTests
{
    private static string Workloads(string file) => CliRun.InTestDirectory(WorkloadCases.Directory, file);

    private static string[] Files => [.. WorkloadCases.Files.Select(Workloads)];

    [Test]
    public void Every_fixture_gets_exactly_its_findings_in_the_json_report()
    {
        var run = CliRun.Of(["check", "--config", Workloads(WorkloadCases.Config), "--output", "json", .. Files]);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Stderr);
        var objects = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("objects").EnumerateArray().ToList();
        var documents = WorkloadCases.Documents(TestContext.CurrentContext.TestDirectory).ToList();
        Assert.That(objects, Has.Count.EqualTo(documents.Count));
        foreach (var (file, index, name) in documents)
        {
            var obj = objects.Single(o => o.GetProperty("name").GetString() == name);
            var expected = WorkloadCases.Expected(file, name);
            var findings = obj.GetProperty("findings").EnumerateArray()
                .Select(f => (f.GetProperty("rule").GetString()!, f.GetProperty("severity").GetString()!, f.GetProperty("path").GetString()!));
            Assert.Multiple(() =>
            {
                Assert.That(obj.GetProperty("source").GetString(), Is.EqualTo($"{Workloads(file)}#{index + 1}"));
                Assert.That(obj.GetProperty("namespace").GetString(), Is.EqualTo("shop"));
                Assert.That(findings, Is.EquivalentTo(expected), name);
                Assert.That(obj.GetProperty("allowed").GetBoolean(), Is.EqualTo(expected.All(f => f.Severity != "error")), name);
            });
        }
    }

    [Test]
    public void The_text_report_names_the_kind_and_the_line_of_the_misplaced_annotation()
    {
        var run = CliRun.Of("check", "--config", Workloads(WorkloadCases.Config), Workloads("cloneset.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Stderr);
            Assert.That(run.Stdout, Does.Contain($"{Workloads("cloneset.yaml")}#2: CloneSet shop/storefront-misplaced: denied"));
            Assert.That(run.Stdout, Does.Contain(
                "  error   AG001 k8s.aliyun.com/acr-service-arns is on the CloneSet's metadata, where ECI never reads it: move it to spec.template.metadata.annotations  [metadata.annotations['k8s.aliyun.com/acr-service-arns']] line 84"));
            Assert.That(run.Stdout, Does.Contain($"{Workloads("cloneset.yaml")}#1: CloneSet shop/storefront-good: ok"));
        });
    }

    [Test]
    public void Without_the_workloads_list_the_kinds_are_not_in_scope_and_nothing_is_denied()
    {
        var run = CliRun.Of(["check", .. Files]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout + run.Stderr);
        Assert.That(run.Stdout, Does.Contain("CloneSet shop/storefront-misplaced: not in scope"));
    }

    [Test]
    public void A_rollout_with_workload_ref_is_not_in_scope_even_with_the_list()
    {
        var run = CliRun.Of("check", "--config", Workloads(WorkloadCases.Config), Workloads("rollout.yaml"));

        Assert.That(run.Stdout, Does.Contain("Rollout shop/checkout-workload-ref: not in scope"));
    }

    [Test]
    public void A_cronjob_with_the_annotation_on_its_job_template_metadata_exits_1()
    {
        var cronJob = CronJobs.WithAnnotations(job: ("k8s.aliyun.com/acr-instance-ids", "cri-j36zhodptmyq1234"));

        var run = CliRun.WithStdin(cronJob, "check", "-");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Stdout, Does.Contain(
            "  error   AG001 k8s.aliyun.com/acr-instance-ids is on spec.jobTemplate.metadata: the Jobs the CronJob creates carry it, their pods never do: move it to spec.jobTemplate.spec.template.metadata.annotations  [spec.jobTemplate.metadata.annotations['k8s.aliyun.com/acr-instance-ids']] line 14"));
    }

    [TestCase("workloads:\n  - apiVersion: apps.kruise.io/v1alpha1\n", "workloads[0].kind (line 2): missing: give the kind, e.g. CloneSet")]
    [TestCase("workloads:\n  - {apiVersion: argoproj.io/v1alpha1, kind: Rollout, template: \"spec.template[0]\"}\n", "workloads[0].template (line 2): 'spec.template[0]' is not a dotted field path")]
    [TestCase("workloads:\n  - {apiVersion: apps/v1, kind: StatefulSet}\n", "workloads[0].kind (line 2): apps/v1 StatefulSet is built in")]
    public void A_bad_workloads_entry_exits_2_naming_the_key(string config, string expected)
    {
        var path = CliRun.TempFile("config.yaml", config);

        var run = CliRun.Of("check", "--config", path, Workloads("cloneset.yaml"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith($"acrguard: {path}: {expected}"));
        Assert.That(run.Stdout, Is.Empty);
    }
}
