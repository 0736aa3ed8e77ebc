using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG003CustomDomainTests
{
    [Test]
    public void Custom_domain_image_without_instance_ids_is_denied_with_AG003()
    {
        var verdict = Objects.Evaluate(Deployment(image: CustomDomainImage), Configs.CustomDomain());

        var finding = VerdictAssert.Single(verdict, "AG003", FindingSeverity.Error, "spec.template.spec.containers[0].image");
        Assert.That(finding.Message, Is.EqualTo(
            "AG003 image on custom domain test1234-registry.example.com: " +
            "add its ACR instance cri-j36zhodptmyq1234 to spec.template.metadata.annotations['k8s.aliyun.com/acr-instance-ids']"));
    }

    [Test]
    public void Many_containers_on_one_custom_domain_are_one_finding_at_the_first_with_the_count_of_the_others()
    {
        var verdict = Objects.Evaluate("""
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly-report, namespace: shop}
            spec:
              schedule: "0 2 * * *"
              jobTemplate:
                spec:
                  template:
                    metadata:
                      labels: {alibabacloud.com/eci: "true"}
                    spec:
                      restartPolicy: OnFailure
                      initContainers:
                      - {name: migrate, image: test1234-registry.example.com/shop/migrate:3.1}
                      containers:
                      - {name: report, image: test1234-registry.example.com/shop/report:3.1}
                      - {name: proxy, image: nginx:1.27}
                      - {name: uploader, image: TEST1234-REGISTRY.example.com:443/shop/uploader:3.1}
            """, Configs.CustomDomain());

        var finding = VerdictAssert.Single(verdict, "AG003", FindingSeverity.Error, "spec.jobTemplate.spec.template.spec.containers[0].image");
        Assert.That(finding.Message, Is.EqualTo(
            "AG003 image on custom domain test1234-registry.example.com (and 2 more images): " +
            "add its ACR instance cri-j36zhodptmyq1234 to spec.jobTemplate.spec.template.metadata.annotations['k8s.aliyun.com/acr-instance-ids']"));
        Assert.That(finding.Message, Has.Length.LessThan(256));
    }

    [Test]
    public void Custom_domain_image_with_another_instance_id_is_denied()
    {
        var verdict = Objects.Evaluate(
            Deployment(template: Ann(("k8s.aliyun.com/acr-instance-ids", "cri-otherinstance99")), image: CustomDomainImage),
            Configs.CustomDomain());

        VerdictAssert.Single(verdict, "AG003", FindingSeverity.Error, "spec.template.spec.containers[0].image");
    }

    [Test]
    public void Custom_domain_init_container_is_checked_too()
    {
        var verdict = Objects.Evaluate(Deployment(initImage: CustomDomainImage), Configs.CustomDomain());

        VerdictAssert.Single(verdict, "AG003", FindingSeverity.Error, "spec.template.spec.initContainers[0].image");
    }

    [Test]
    public void Custom_domain_image_cache_without_instance_ids_is_denied()
    {
        var verdict = Objects.Evaluate(ImageCache(), Configs.CustomDomain());

        VerdictAssert.Single(verdict, "AG003", FindingSeverity.Error, "spec.images[0]");
    }

    [TestCase("cri-j36zhodptmyq1234")]
    [TestCase("cn-beijing:cri-j36zhodptmyq1234")]
    [TestCase("cri-otherinstance99, cn-hangzhou:cri-j36zhodptmyq1234")]
    public void Matching_instance_id_with_or_without_region_does_not_fire(string ids)
    {
        var verdict = Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-instance-ids", ids)), image: CustomDomainImage), Configs.CustomDomain());

        VerdictAssert.Clean(verdict);
    }

    [Test]
    public void Region_prefix_in_the_configuration_is_ignored_when_comparing()
    {
        var verdict = Objects.Evaluate(
            Deployment(template: Ann(("k8s.aliyun.com/acr-instance-ids", InstanceId)), image: CustomDomainImage),
            Configs.CustomDomain("cn-beijing:cri-j36zhodptmyq1234"));

        VerdictAssert.Clean(verdict);
    }

    [Test]
    public void Legacy_singular_key_counts_as_an_instance_id()
    {
        var verdict = Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-instance-id", InstanceId)), image: CustomDomainImage), Configs.CustomDomain());

        VerdictAssert.None(verdict, "AG003");
        VerdictAssert.Single(verdict, "AG013", FindingSeverity.Warning, "spec.template.metadata.annotations['k8s.aliyun.com/acr-instance-id']");
    }

    [Test]
    public void Domain_match_ignores_case_and_a_port_on_the_image()
    {
        var verdict = Objects.Evaluate(Deployment(image: "Test1234-Registry.example.com:443/eci_test/nginx:1.0"), Configs.CustomDomain());

        VerdictAssert.Single(verdict, "AG003", FindingSeverity.Error, "spec.template.spec.containers[0].image");
    }

    [Test]
    public void Without_the_domain_in_the_configuration_nothing_can_be_said()
    {
        VerdictAssert.None(Objects.Evaluate(Deployment(image: CustomDomainImage)), "AG003");
    }
}
