using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG010UnknownHostTests
{
    [Test]
    public void Arns_and_an_unknown_host_without_instance_ids_warn_with_AG010()
    {
        var verdict = Objects.Evaluate(Deployment(
            template: Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn), ("k8s.aliyun.com/acr-user-arns", UserArn)),
            image: CustomDomainImage));

        var finding = VerdictAssert.Single(verdict, "AG010", FindingSeverity.Warning, "spec.template.spec.containers[0].image");
        Assert.That(finding.Message, Is.EqualTo(
            "AG010 image host 'test1234-registry.example.com' is not a known ACR or public registry: if it is an ACR Enterprise custom domain, " +
            "add k8s.aliyun.com/acr-instance-ids and list it in registries.customDomains"));
    }

    [Test]
    public void Images_on_one_unknown_host_are_one_finding_at_the_first()
    {
        var verdict = Objects.Evaluate(Deployment(
            template: Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn), ("k8s.aliyun.com/acr-user-arns", UserArn)),
            image: CustomDomainImage,
            initImage: "test1234-registry.example.com/eci_test/migrate:1.0"));

        var finding = VerdictAssert.Single(verdict, "AG010", FindingSeverity.Warning, "spec.template.spec.containers[0].image");
        Assert.That(finding.Message, Does.StartWith("AG010 image host 'test1234-registry.example.com' (and 1 more image) is not a known ACR or public registry: "));
    }

    [Test]
    public void Instance_ids_present_do_not_fire()
    {
        var verdict = Objects.Evaluate(Deployment(
            template: Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn), ("k8s.aliyun.com/acr-instance-ids", InstanceId)),
            image: CustomDomainImage));

        VerdictAssert.None(verdict, "AG010");
    }

    [Test]
    public void Known_acr_host_does_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn)))));
    }

    [Test]
    public void Configured_domain_is_judged_by_AG003_instead()
    {
        var verdict = Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn)), image: CustomDomainImage), Configs.CustomDomain());

        VerdictAssert.None(verdict, "AG010");
        VerdictAssert.Single(verdict, "AG003", FindingSeverity.Error, "spec.template.spec.containers[0].image");
    }

    [Test]
    public void No_arns_do_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(Deployment(image: CustomDomainImage)));
    }
}
