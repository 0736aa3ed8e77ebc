using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG005ArnFormatTests
{
    private const string ServicePath = "metadata.annotations['k8s.aliyun.com/acr-service-arns']";
    private const string NotAnArn = "is not a RAM role ARN: use acs:ram::<account id>:role/<role name>";

    [TestCase("acs:ram::1609982529******:role/role-assume", "has digits masked with * as in the docs: use the real account id")]
    [TestCase("arn:acs:ram::1609982529123456:role/role-assume", NotAnArn)]
    [TestCase("acs:ram::1609982529123456:user/alice", NotAnArn)]
    [TestCase("acs:ram::1609982529123456:role/", NotAnArn)]
    [TestCase("acs:ram::1609982529123456:role/has space", NotAnArn)]
    [TestCase("role-assume", NotAnArn)]
    public void Malformed_service_arn_is_denied_with_AG005(string value, string expected)
    {
        var verdict = Objects.Evaluate(Pod(Ann(("k8s.aliyun.com/acr-service-arns", value))));

        var finding = VerdictAssert.Single(verdict, "AG005", FindingSeverity.Error, ServicePath);
        Assert.That(finding.Message, Is.EqualTo($"AG005 k8s.aliyun.com/acr-service-arns item '{value}' {expected}"));
    }

    [TestCase("")]
    [TestCase("acs:ram::1609982529123456:role/a,")]
    [TestCase("acs:ram::1609982529123456:role/a,,acs:ram::1609982529123456:role/b")]
    public void Empty_item_is_denied_with_AG005(string value)
    {
        var finding = VerdictAssert.Single(Objects.Evaluate(Pod(Ann(("k8s.aliyun.com/acr-service-arns", value)))), "AG005", FindingSeverity.Error, ServicePath);

        Assert.That(finding.Message, Does.StartWith("AG005 k8s.aliyun.com/acr-service-arns has an empty item: remove the stray comma"));
    }

    [Test]
    public void Malformed_user_arn_is_reported_at_its_own_path()
    {
        var verdict = Objects.Evaluate(Pod(Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn), ("k8s.aliyun.com/acr-user-arns", "acs:ram::1298452580******:role/role-acr"))));

        VerdictAssert.Single(verdict, "AG005", FindingSeverity.Error, "metadata.annotations['k8s.aliyun.com/acr-user-arns']");
    }

    [TestCase("acs:ram::1609982529123456:role/acr-test")]
    [TestCase("acs:ram::1609982529123456:role/Role.Name@team_1-x")]
    [TestCase(" acs:ram::1609982529123456:role/a , acs:ram::1609982529123457:role/b ")]
    public void Well_formed_arns_do_not_fire(string value)
    {
        VerdictAssert.Clean(Objects.Evaluate(Pod(Ann(("k8s.aliyun.com/acr-service-arns", value)))));
    }

    [Test]
    public void Role_name_longer_than_64_characters_is_malformed()
    {
        var verdict = Objects.Evaluate(Pod(Ann(("k8s.aliyun.com/acr-service-arns", "acs:ram::1609982529123456:role/" + new string('r', 65)))));

        var finding = VerdictAssert.Single(verdict, "AG005", FindingSeverity.Error, ServicePath);
        Assert.That(finding.Message, Does.Contain("...'"), "a long value is cut in the message");
    }
}
