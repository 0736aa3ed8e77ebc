using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG008NonAcrImagesTests
{
    [TestCase("nginx:1.27")]
    [TestCase("library/nginx")]
    [TestCase("docker.io/bitnami/redis:7")]
    [TestCase("ghcr.io/acme/api:v2")]
    [TestCase("quay.io/prometheus/node-exporter:v1.8.0")]
    [TestCase("registry.k8s.io/pause:3.10")]
    [TestCase("us.gcr.io/acme/app:1")]
    [TestCase("mcr.microsoft.com/dotnet/aspnet:10.0")]
    [TestCase("public.ecr.aws/nginx/nginx:stable")]
    [TestCase("registry-cn-hangzhou.ack.aliyuncs.com/acs/coredns:v1.11")]
    public void Pull_annotations_with_only_non_acr_images_warn_with_AG008(string image)
    {
        var verdict = Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn)), image: image));

        var finding = VerdictAssert.Single(verdict, "AG008", FindingSeverity.Warning, "spec.template.metadata.annotations['k8s.aliyun.com/acr-service-arns']");
        Assert.That(finding.Message, Is.EqualTo(
            "AG008 ACR pull annotations have no effect: every image is on a registry that is not ACR (e.g. Docker Hub); remove them or pull from ACR"));
        Assert.That(verdict.Allowed, Is.True);
    }

    [Test]
    public void One_acr_image_among_public_ones_does_not_fire()
    {
        var verdict = Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn)), image: "nginx:1.27", initImage: EnterpriseImage));

        VerdictAssert.None(verdict, "AG008");
    }

    [Test]
    public void Public_images_without_pull_annotations_do_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(Deployment(image: "nginx:1.27")));
    }

    [Test]
    public void Configured_custom_domain_counts_as_acr()
    {
        var verdict = Objects.Evaluate(ImageCache(Ann(("k8s.aliyun.com/acr-instance-ids", InstanceId))), Configs.CustomDomain());

        VerdictAssert.Clean(verdict);
    }
}
