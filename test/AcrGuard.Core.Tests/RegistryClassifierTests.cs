using AcrGuard.Configuration;
using AcrGuard.Images;

namespace AcrGuard.Core.Tests;

public class RegistryClassifierTests
{
    private static readonly RegistryClassifier Classifier = new([new CustomDomain("registry.example.com", "cri-j36zhodptmyq1234")]);

    [TestCase("registry.cn-hangzhou.aliyuncs.com", RegistryKind.AcrPersonal)]
    [TestCase("registry-intl.ap-southeast-1.aliyuncs.com", RegistryKind.AcrPersonal)]
    [TestCase("registry-vpc.cn-shanghai.aliyuncs.com", RegistryKind.AcrPersonal)]
    [TestCase("registry-intl-vpc.eu-central-1.aliyuncs.com", RegistryKind.AcrPersonal)]
    [TestCase("crpi-abc123def.cn-hangzhou.personal.cr.aliyuncs.com", RegistryKind.AcrPersonal)]
    [TestCase("crpi-abc123def-vpc.cn-hangzhou.personal.cr.aliyuncs.com", RegistryKind.AcrPersonal)]
    [TestCase("acme-registry.cn-hangzhou.cr.aliyuncs.com", RegistryKind.AcrEnterpriseDefault)]
    [TestCase("acme-registry-vpc.cn-beijing.cr.aliyuncs.com", RegistryKind.AcrEnterpriseDefault)]
    [TestCase("acme-registry-intl-vpc.ap-southeast-1.cr.aliyuncs.com", RegistryKind.AcrEnterpriseDefault)]
    [TestCase("acme-registry-internal.cn-hangzhou.cr.aliyuncs.com", RegistryKind.AcrEnterpriseDefault)]
    [TestCase("registry.example.com", RegistryKind.AcrCustomDomain)]
    [TestCase("registry.example.com:443", RegistryKind.AcrCustomDomain)]
    [TestCase("docker.io", RegistryKind.NonAcr)]
    [TestCase("ghcr.io", RegistryKind.NonAcr)]
    [TestCase("quay.io", RegistryKind.NonAcr)]
    [TestCase("registry.k8s.io", RegistryKind.NonAcr)]
    [TestCase("k8s.gcr.io", RegistryKind.NonAcr)]
    [TestCase("mcr.microsoft.com", RegistryKind.NonAcr)]
    [TestCase("public.ecr.aws", RegistryKind.NonAcr)]
    [TestCase("registry-cn-hangzhou.ack.aliyuncs.com", RegistryKind.NonAcr)]
    [TestCase("registry-cn-hangzhou-vpc.ack.aliyuncs.com", RegistryKind.NonAcr)]
    [TestCase("harbor.internal.acme.com", RegistryKind.Unknown)]
    [TestCase("notghcr.io", RegistryKind.Unknown)]
    [TestCase("registry.cn-hangzhou.aliyuncs.com.evil.example", RegistryKind.Unknown)]
    public void Classifies_hosts_per_the_registry_table(string host, RegistryKind expected)
    {
        Assert.That(Classifier.Classify(new ImageReference(host, "app", null, null)), Is.EqualTo(expected));
    }
}
