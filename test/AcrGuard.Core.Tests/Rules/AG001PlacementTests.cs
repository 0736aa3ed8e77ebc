using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using AcrGuard.Testing;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG001PlacementTests
{
    private const string ServiceKey = "k8s.aliyun.com/acr-service-arns";

    [TestCase("Deployment", "apps/v1")]
    [TestCase("ReplicaSet", "apps/v1")]
    [TestCase("StatefulSet", "apps/v1")]
    [TestCase("DaemonSet", "apps/v1")]
    [TestCase("Job", "batch/v1")]
    [TestCase("ReplicationController", "v1")]
    public void Service_arns_on_workload_metadata_is_denied_with_AG001(string kind, string apiVersion)
    {
        var verdict = Objects.Evaluate(Deployment(own: Ann((ServiceKey, ServiceArn)), kind: kind, apiVersion: apiVersion));

        var finding = VerdictAssert.Single(verdict, "AG001", FindingSeverity.Error, $"metadata.annotations['{ServiceKey}']");
        Assert.That(finding.Message, Is.EqualTo(
            $"AG001 {ServiceKey} is on the {kind}'s metadata, where ECI never reads it: move it to spec.template.metadata.annotations"));
        Assert.That(verdict.Allowed, Is.False);
    }

    [Test]
    public void Annotation_on_cronjob_metadata_points_at_the_nested_job_template()
    {
        const string yaml = """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: nightly
              namespace: shop
              annotations:
                k8s.aliyun.com/acr-instance-ids: "cri-j36zhodptmyq1234"
            spec:
              schedule: "0 2 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - name: report
                        image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/report:1.0
            """;

        var finding = VerdictAssert.Single(Objects.Evaluate(yaml), "AG001", FindingSeverity.Error, "metadata.annotations['k8s.aliyun.com/acr-instance-ids']");

        Assert.That(finding.Message, Does.EndWith("move it to spec.jobTemplate.spec.template.metadata.annotations"));
    }

    [Test]
    public void Same_key_and_value_on_metadata_and_template_is_only_a_warning()
    {
        var annotations = Ann((ServiceKey, ServiceArn));

        var verdict = Objects.Evaluate(Deployment(own: annotations, template: annotations));

        var finding = VerdictAssert.Single(verdict, "AG001", FindingSeverity.Warning, $"metadata.annotations['{ServiceKey}']");
        Assert.That(finding.Message, Is.EqualTo(
            $"AG001 {ServiceKey} on the Deployment's metadata copies the pod template's and has no effect there: remove it from metadata.annotations"));
        Assert.That(verdict.Allowed, Is.True);
    }

    [TestCase(RuleSeverity.Error)]
    [TestCase(RuleSeverity.Warning)]
    public void A_harmless_copy_is_a_warning_whatever_severity_AG001_is_configured_with(RuleSeverity configured)
    {
        var annotations = Ann((ServiceKey, ServiceArn));
        var config = new AcrGuardConfig(rules: new Dictionary<string, RuleSeverity> { ["AG001"] = configured });

        var verdict = Objects.Evaluate(Deployment(own: annotations, template: annotations), config);

        VerdictAssert.Single(verdict, "AG001", FindingSeverity.Warning, $"metadata.annotations['{ServiceKey}']");
        Assert.That(verdict.Allowed, Is.True);
    }

    [Test]
    public void A_harmless_copy_and_a_misplaced_annotation_keep_their_own_severities()
    {
        var verdict = Objects.Evaluate(Deployment(
            own: Ann((ServiceKey, ServiceArn), ("k8s.aliyun.com/acr-instance-ids", InstanceId)),
            template: Ann((ServiceKey, ServiceArn))));

        Assert.That(verdict.Findings.Select(f => (f.Path, f.Severity)), Is.EquivalentTo(new[]
        {
            ($"metadata.annotations['{ServiceKey}']", FindingSeverity.Warning),
            ("metadata.annotations['k8s.aliyun.com/acr-instance-ids']", FindingSeverity.Error),
        }));
    }

    [Test]
    public void Same_key_with_another_value_on_the_template_is_still_an_error()
    {
        var verdict = Objects.Evaluate(Deployment(
            own: Ann((ServiceKey, ServiceArn)),
            template: Ann((ServiceKey, "acs:ram::1609982529123456:role/other"))));

        VerdictAssert.Single(verdict, "AG001", FindingSeverity.Error, $"metadata.annotations['{ServiceKey}']");
    }

    [Test]
    public void Annotations_on_the_pod_template_do_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(Deployment(template: Ann((ServiceKey, ServiceArn)))));
    }

    [Test]
    public void Unrelated_annotations_on_workload_metadata_do_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(Deployment(own: Ann(("deployment.kubernetes.io/revision", "3")))));
    }

    [Test]
    public void Annotations_on_a_pods_own_metadata_are_where_they_belong()
    {
        VerdictAssert.None(Objects.Evaluate(Pod(Ann((ServiceKey, ServiceArn)))), "AG001");
    }

    [Test]
    public void Legacy_key_on_workload_metadata_is_misplaced_too()
    {
        var verdict = Objects.Evaluate(Deployment(own: Ann(("k8s.aliyun.com/acr-instance-id", InstanceId))));

        VerdictAssert.Single(verdict, "AG001", FindingSeverity.Error, "metadata.annotations['k8s.aliyun.com/acr-instance-id']");
    }

    [Test]
    public void Annotation_on_the_cronjobs_job_template_metadata_is_denied_naming_the_path_and_where_it_belongs()
    {
        // The Jobs the CronJob creates carry it; their pods never do (issue 17).
        var yaml = CronJobs.WithAnnotations(job: (ServiceKey, ServiceArn));

        var verdict = Objects.Evaluate(yaml);

        var finding = VerdictAssert.Single(verdict, "AG001", FindingSeverity.Error, $"spec.jobTemplate.metadata.annotations['{ServiceKey}']");
        Assert.That(finding.Message, Is.EqualTo(
            $"AG001 {ServiceKey} is on spec.jobTemplate.metadata: the Jobs the CronJob creates carry it, their pods never do: move it to spec.jobTemplate.spec.template.metadata.annotations"));
        Assert.That(verdict.Allowed, Is.False);
    }

    [Test]
    public void The_same_value_on_the_job_template_and_the_pod_template_is_only_a_warning()
    {
        var verdict = Objects.Evaluate(CronJobs.WithAnnotations(job: (ServiceKey, ServiceArn), pod: (ServiceKey, ServiceArn)));

        var finding = VerdictAssert.Single(verdict, "AG001", FindingSeverity.Warning, $"spec.jobTemplate.metadata.annotations['{ServiceKey}']");
        Assert.That(finding.Message, Is.EqualTo(
            $"AG001 {ServiceKey} on spec.jobTemplate.metadata copies the pod template's and has no effect there: remove it from spec.jobTemplate.metadata.annotations"));
        Assert.That(verdict.Allowed, Is.True);
    }

    [Test]
    public void Annotations_on_the_cronjobs_pod_template_do_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(CronJobs.WithAnnotations(pod: (ServiceKey, ServiceArn))));
    }

    [Test]
    public void An_update_that_keeps_a_misplaced_job_template_annotation_only_warns()
    {
        var old = CronJobs.WithAnnotations(job: (ServiceKey, ServiceArn));

        var verdict = Objects.Evaluate(old.Replace("0 2 * * *", "0 3 * * *", StringComparison.Ordinal), oldYaml: old);

        var finding = VerdictAssert.Single(verdict, "AG001", FindingSeverity.Warning, $"spec.jobTemplate.metadata.annotations['{ServiceKey}']");
        Assert.That(finding.PreExisting, Is.True);
    }

    [Test]
    public void A_job_made_by_the_cronjob_with_the_annotation_only_warns()
    {
        // What the CronJob controller creates from the misplaced template: judged at the CronJob.
        const string job = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: nightly-29012345
              namespace: shop
              annotations:
                k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/role-assume"
              ownerReferences:
              - {apiVersion: batch/v1, kind: CronJob, name: nightly, uid: 5b1e, controller: true}
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - name: report
                    image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/report:1.0
            """;

        var verdict = Objects.Evaluate(job);

        VerdictAssert.Single(verdict, "AG001", FindingSeverity.Warning, $"metadata.annotations['{ServiceKey}']");
        Assert.That(verdict.Allowed, Is.True);
    }
}
