using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG007LookalikeKeyTests
{
    [TestCase("k8s.aliyun.com/acr-instances-ids", "k8s.aliyun.com/acr-instance-ids")]
    [TestCase("k8s.aliyun.com/acr-service-arn", "k8s.aliyun.com/acr-service-arns")]
    [TestCase("k8s.aliyun.com/acr-user-arn", "k8s.aliyun.com/acr-user-arns")]
    [TestCase("k8s.aliyun.com/acr-role-arns", "k8s.aliyun.com/acr-user-arns")]
    [TestCase("K8s.aliyun.com/acr-service-arns", "k8s.aliyun.com/acr-service-arns")]
    [TestCase("k8s.aliyun.com/acr_service_arns", "k8s.aliyun.com/acr-service-arns")]
    [TestCase("k8s.aliyuncs.com/acr-user-arns", "k8s.aliyun.com/acr-user-arns")]
    public void Lookalike_key_is_denied_with_AG007_and_names_the_intended_key(string key, string intended)
    {
        var verdict = Objects.Evaluate(Deployment(template: Ann((key, "x"))));

        var finding = VerdictAssert.Single(verdict, "AG007", FindingSeverity.Error, $"spec.template.metadata.annotations['{key}']");
        Assert.That(finding.Message, Is.EqualTo($"AG007 annotation '{key}' is not a key ECI knows, so it is silently ignored: did you mean {intended}?"));
    }

    [TestCase("k8s.aliyun.com/eci-use-specs")]
    [TestCase("k8s.aliyun.com/eci-image-cache")]
    [TestCase("prometheus.io/scrape")]
    [TestCase("app.kubernetes.io/name")]
    public void Other_keys_do_not_fire(string key)
    {
        VerdictAssert.Clean(Objects.Evaluate(Deployment(template: Ann((key, "true")))));
    }

    [Test]
    public void Legacy_singular_key_is_AG013_not_AG007()
    {
        var verdict = Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-instance-id", InstanceId))));

        VerdictAssert.None(verdict, "AG007");
        VerdictAssert.Single(verdict, "AG013", FindingSeverity.Warning, "spec.template.metadata.annotations['k8s.aliyun.com/acr-instance-id']");
    }

    [Test]
    public void Lookalike_key_on_workload_metadata_is_AG007_saying_where_the_real_key_goes()
    {
        // Misspelt and misplaced: AG001 knows only the real keys, so without this nothing would say a word.
        const string key = "k8s.aliyun.com/acr-service-arn";

        var verdict = Objects.Evaluate(Deployment(own: Ann((key, ServiceArn))));

        var finding = VerdictAssert.Single(verdict, "AG007", FindingSeverity.Error, $"metadata.annotations['{key}']");
        Assert.That(finding.Message, Is.EqualTo(
            $"AG007 annotation '{key}' on the Deployment's metadata is not a key ECI knows nor a place it reads: did you mean k8s.aliyun.com/acr-service-arns, on spec.template.metadata.annotations?"));
        VerdictAssert.None(verdict, "AG001");
    }

    [Test]
    public void Lookalike_key_on_a_cronjobs_job_template_metadata_is_AG007_too()
    {
        const string yaml = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: shop}
            spec:
              schedule: "0 2 * * *"
              jobTemplate:
                metadata:
                  annotations: {k8s.aliyun.com/acr-instances-ids: cri-j36zhodptmyq1234}
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers: [{name: report, image: "test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/report:1.0"}]
            """;

        var finding = VerdictAssert.Single(Objects.Evaluate(yaml), "AG007", FindingSeverity.Error, "spec.jobTemplate.metadata.annotations['k8s.aliyun.com/acr-instances-ids']");

        Assert.That(finding.Message, Does.Contain("on spec.jobTemplate.metadata is not a key ECI knows").And.EndWith("on spec.jobTemplate.spec.template.metadata.annotations?"));
    }

    [TestCase("deployment.kubernetes.io/revision")]
    [TestCase("kubectl.kubernetes.io/last-applied-configuration")]
    [TestCase("k8s.aliyun.com/eci-use-specs")]
    public void Other_keys_on_workload_metadata_do_not_fire(string key)
    {
        VerdictAssert.Clean(Objects.Evaluate(Deployment(own: Ann((key, "1")))));
    }
}
