using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG013LegacyKeyTests
{
    [Test]
    public void Legacy_singular_key_warns_with_AG013()
    {
        var verdict = Objects.Evaluate(Pod(Ann(("k8s.aliyun.com/acr-instance-id", "cn-beijing:cri-j36zhodptmyq1234"))));

        var finding = VerdictAssert.Single(verdict, "AG013", FindingSeverity.Warning, "metadata.annotations['k8s.aliyun.com/acr-instance-id']");
        Assert.That(finding.Message, Is.EqualTo(
            "AG013 k8s.aliyun.com/acr-instance-id is the legacy singular key that ECI may ignore: rename it to k8s.aliyun.com/acr-instance-ids"));
        Assert.That(verdict.Allowed, Is.True);
    }

    [Test]
    public void Plural_key_does_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(Pod(Ann(("k8s.aliyun.com/acr-instance-ids", InstanceId)))));
    }
}
