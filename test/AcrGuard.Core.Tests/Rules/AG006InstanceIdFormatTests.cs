using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG006InstanceIdFormatTests
{
    private const string Path = "spec.template.metadata.annotations['k8s.aliyun.com/acr-instance-ids']";

    [TestCase("cri-j36zhodptmyq****", "is masked with * as in the docs")]
    [TestCase("j36zhodptmyq1234", "is not an ACR instance id: use cri-<id> or <region>:cri-<id>")]
    [TestCase("CRI-J36ZHODPTMYQ1234", "is not an ACR instance id")]
    [TestCase("beijing:cri-j36zhodptmyq1234", "is not an ACR instance id")]
    [TestCase("cn-beijing/cri-j36zhodptmyq1234", "is not an ACR instance id")]
    [TestCase("cri-", "is not an ACR instance id")]
    public void Malformed_instance_id_is_denied_with_AG006(string value, string expected)
    {
        var verdict = Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-instance-ids", value))));

        var finding = VerdictAssert.Single(verdict, "AG006", FindingSeverity.Error, Path);
        Assert.That(finding.Message, Does.StartWith("AG006 k8s.aliyun.com/acr-instance-ids item '").And.Contain(expected));
    }

    [Test]
    public void Empty_item_is_denied_with_AG006()
    {
        var finding = VerdictAssert.Single(
            Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-instance-ids", "cri-j36zhodptmyq1234,")))), "AG006", FindingSeverity.Error, Path);

        Assert.That(finding.Message, Does.Contain("has an empty item"));
    }

    [Test]
    public void Legacy_key_values_are_checked_too()
    {
        var verdict = Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-instance-id", "cri-j36zhodptmyq****"))));

        VerdictAssert.Single(verdict, "AG006", FindingSeverity.Error, "spec.template.metadata.annotations['k8s.aliyun.com/acr-instance-id']");
    }

    [TestCase("cri-j36zhodptmyq1234")]
    [TestCase("cn-beijing:cri-j36zhodptmyq1234")]
    [TestCase("ap-southeast-1:cri-abc123")]
    [TestCase("cn-shanghai-finance-1:cri-abc123")]
    [TestCase("cri-a1, cn-hangzhou:cri-b2")]
    public void Well_formed_instance_ids_do_not_fire(string value)
    {
        VerdictAssert.Clean(Objects.Evaluate(Deployment(template: Ann(("k8s.aliyun.com/acr-instance-ids", value)))));
    }
}
