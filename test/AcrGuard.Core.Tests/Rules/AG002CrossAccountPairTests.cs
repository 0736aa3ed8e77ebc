using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG002CrossAccountPairTests
{
    [Test]
    public void User_arns_without_service_arns_is_denied_with_AG002()
    {
        var verdict = Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-user-arns", UserArn))));

        var finding = VerdictAssert.Single(verdict, "AG002", FindingSeverity.Error, "spec.template.metadata.annotations['k8s.aliyun.com/acr-user-arns']");
        Assert.That(finding.Message, Is.EqualTo(
            "AG002 k8s.aliyun.com/acr-user-arns is set without k8s.aliyun.com/acr-service-arns: a cross-account pull needs both; add the ECI-side role ARN"));
    }

    [Test]
    public void User_arns_without_service_arns_on_an_image_cache_is_denied()
    {
        var verdict = Objects.Evaluate(ImageCache(Ann(("k8s.aliyun.com/acr-user-arns", UserArn), ("k8s.aliyun.com/acr-instance-ids", InstanceId))));

        VerdictAssert.Single(verdict, "AG002", FindingSeverity.Error, "metadata.annotations['k8s.aliyun.com/acr-user-arns']");
    }

    [Test]
    public void Both_arns_do_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(Deployment(template: Ann(
            ("k8s.aliyun.com/acr-service-arns", ServiceArn), ("k8s.aliyun.com/acr-user-arns", UserArn)))));
    }

    [Test]
    public void Service_arns_alone_do_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(Pod(Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn)))));
    }
}
