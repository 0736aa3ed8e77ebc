using System.Net;
using System.Text;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Testing;
using AcrGuard.Webhook.Admission;
using AcrGuard.Webhook.Tests.Support;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// The webhook on kinds from the configuration's <c>workloads</c> list and on a CronJob's Job
/// template: reviews through <see cref="AdmissionReviewer"/> (body in, answer out), and the
/// configuration file through the composed server.
/// </summary>
public sealed class ConfiguredWorkloadReviewTests
{
    private static readonly string Root = AppContext.BaseDirectory;

    private static readonly AcrGuardConfig Config =
        ConfigReader.Parse(File.ReadAllText(Path.Combine(Root, WorkloadCases.Directory, WorkloadCases.Config)));

    private static readonly Evaluator Evaluator = new(Config);

    public static IEnumerable<TestCaseData> Documents() =>
        WorkloadCases.Documents(AppContext.BaseDirectory).Select(d => new TestCaseData(d.File, d.Index, d.Name).SetArgDisplayNames(d.Name));

    [TestCaseSource(nameof(Documents))]
    public void Each_fixture_is_answered_with_exactly_its_findings(string file, int index, string name)
    {
        var expected = WorkloadCases.Expected(file, name);

        var result = Review(Reviews.Create(Json(file, index), uid: name));

        var response = result.Answer.Response;
        var errors = expected.Where(f => f.Severity == "error").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.HttpStatus, Is.EqualTo(200));
            Assert.That(response.Uid, Is.EqualTo(name));
            Assert.That(response.Allowed, Is.EqualTo(errors.Count == 0));
            Assert.That(
                result.Verdict?.Findings.Select(f => (f.Rule, f.Severity == FindingSeverity.Error ? "error" : "warning", f.Path)) ?? [],
                Is.EquivalentTo(expected));

            // Bound as the configured kind, named from the object itself.
            Assert.That(result.Request?.NewObject?.Bound?.Identity.Name, Is.EqualTo(name));
            Assert.That(result.Request?.NewObject?.Bound?.InScope, Is.EqualTo(WorkloadCases.InScope(name)));
        });
        if (errors.Count > 0)
        {
            Assert.That(response.Status?.Code, Is.EqualTo(403));
            foreach (var (rule, _, path) in errors)
            {
                Assert.That(response.Status?.Message, Does.Contain($"(at {path})"), rule);
            }
        }
    }

    [TestCaseSource(nameof(Documents))]
    public void Without_the_workloads_list_every_fixture_is_allowed_with_no_finding(string file, int index, string name)
    {
        var result = AdmissionReviewer.Review(Bytes(Reviews.Create(Json(file, index))), new Evaluator(AcrGuardConfig.Default), null);

        Assert.That(result.Answer.Response, Is.EqualTo(new AdmissionResponse("uid-1", Allowed: true)), name);
    }

    [Test]
    public void In_audit_a_misplaced_clone_set_is_allowed_with_every_finding_as_a_warning()
    {
        var result = AdmissionReviewer.Review(Bytes(Reviews.Create(Json("cloneset.yaml", 1))), Evaluator, EnforcementMode.Audit);

        Assert.That(result.Allowed, Is.True);
        Assert.That(result.Answer.Response.Warnings, Has.Count.EqualTo(4));
        Assert.That(result.Answer.Response.Warnings, Does.Contain(
            "AG001 k8s.aliyun.com/acr-service-arns is on the CloneSet's metadata, where ECI never reads it: move it to spec.template.metadata.annotations"));
    }

    [Test]
    public void An_update_of_a_configured_kind_that_keeps_old_mistakes_is_allowed_with_pre_existing_warnings()
    {
        var old = Json("rollout.yaml", 1);
        var scaled = old.Replace("\"replicas\":5", "\"replicas\":8", StringComparison.Ordinal);
        Assert.That(scaled, Is.Not.EqualTo(old));

        var result = Review(Reviews.Update(scaled, old));

        Assert.That(result.Allowed, Is.True);
        Assert.That(result.Answer.Response.Warnings, Has.Count.EqualTo(4).And.All.StartsWith("AG00").And.All.Contains("(pre-existing)"));
    }

    [Test]
    public void An_update_of_a_configured_kind_that_introduces_a_mistake_is_denied()
    {
        var good = Json("advanced-statefulset.yaml", 0);
        var misplaced = Json("advanced-statefulset.yaml", 2).Replace("orders-db-harmless-copy", "orders-db-good", StringComparison.Ordinal);
        var moved = misplaced.Replace("\"k8s.aliyun.com/acr-service-arns\":\"acs:ram::1609982529123456:role/role-assume\",\"k8s.aliyun.com/acr-user-arns\"", "\"k8s.aliyun.com/acr-user-arns\"", StringComparison.Ordinal);
        Assert.That(moved, Is.Not.EqualTo(misplaced), "the template's service role removed");

        var result = Review(Reviews.Update(moved, good));

        Assert.That(result.Allowed, Is.False);
        Assert.That(result.Answer.Response.Status?.Message, Does.Contain("AG001 k8s.aliyun.com/acr-service-arns is on the StatefulSet's metadata"));
    }

    [Test]
    public void A_rollout_with_workload_ref_is_allowed_with_no_finding()
    {
        var result = Review(Reviews.Create(Json("rollout.yaml", 7)));

        Assert.That(result.Answer.Response, Is.EqualTo(new AdmissionResponse("uid-1", Allowed: true)));
    }

    [Test]
    public void A_configured_kind_whose_template_cannot_be_read_is_refused_naming_the_path_and_audit_lets_it_through()
    {
        var broken = Json("cloneset.yaml", 0).Replace("\"image\":\"registry.shop.example.com/shop/storefront:2.4.1\"", "\"image\":7", StringComparison.Ordinal);
        var body = Bytes(Reviews.Create(broken));

        var enforced = AdmissionReviewer.Review(body, Evaluator, EnforcementMode.Enforce);
        var audited = AdmissionReviewer.Review(body, Evaluator, EnforcementMode.Audit);

        Assert.That(enforced.Answer.Response.Status?.Message, Is.EqualTo("AcrGuard cannot read the CloneSet: CloneSet at spec.template.spec.containers[0].image: expected a string"));
        Assert.That(enforced.Answer.Response.Allowed, Is.False);
        Assert.That(audited.Answer.Response.Allowed, Is.True);
    }

    [Test]
    public void A_cronjob_with_the_annotation_on_its_job_template_metadata_is_denied()
    {
        var cronJob = AdmissionReviewBodies.Json(CronJobs.WithAnnotations(job: ("k8s.aliyun.com/acr-service-arns", "acs:ram::1609982529123456:role/role-assume")));

        var result = Review(Reviews.Create(cronJob));

        Assert.That(result.Answer.Response.Status?.Message, Is.EqualTo(
            "AG001 k8s.aliyun.com/acr-service-arns is on spec.jobTemplate.metadata: the Jobs the CronJob creates carry it, their pods never do: move it to spec.jobTemplate.spec.template.metadata.annotations (at spec.jobTemplate.metadata.annotations['k8s.aliyun.com/acr-service-arns'])"));
    }

    [Test]
    public async Task Serve_judges_the_kinds_its_configuration_file_lists_and_picks_up_a_new_list_without_a_restart()
    {
        var directory = Directory.CreateTempSubdirectory("acrguard-workloads-").FullName;
        var configPath = Path.Combine(directory, "config.yaml");
        try
        {
            File.WriteAllText(configPath, "mode: enforce\n");
            using var factory = new WebhookFactory(configPath);
            using var client = factory.Webhook();
            var review = Reviews.Create(Json("cloneset.yaml", 1));

            var (status, before) = await client.PostAsync("/validate", review);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(before.Response().GetProperty("allowed").GetBoolean(), Is.True, "a CloneSet is out of scope without the list");

            File.WriteAllText(configPath, File.ReadAllText(Path.Combine(Root, WorkloadCases.Directory, WorkloadCases.Config)));
            var denied = false;
            for (var i = 0; i < 50 && !denied; i++)
            {
                await Task.Delay(100);
                var (_, after) = await client.PostAsync("/validate", review);
                denied = !after.Response().GetProperty("allowed").GetBoolean();
            }

            Assert.That(denied, Is.True, "the CloneSet is denied once the list names its kind");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ReviewResult Review(string body) => AdmissionReviewer.Review(Bytes(body), Evaluator, null);

    private static ReadOnlyMemory<byte> Bytes(string body) => Encoding.UTF8.GetBytes(body);

    private static string Json(string file, int index) =>
        AdmissionReviewBodies.Json(File.ReadAllText(Path.Combine(Root, WorkloadCases.Directory, file)), index, file);
}
