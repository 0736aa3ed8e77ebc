using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG009SameAccountTests
{
    [Test]
    public void User_and_service_arns_in_one_account_warn_with_AG009()
    {
        var verdict = Objects.Evaluate(Pod(Ann(
            ("k8s.aliyun.com/acr-service-arns", ServiceArn),
            ("k8s.aliyun.com/acr-user-arns", "acs:ram::1609982529123456:role/role-acr"))));

        var finding = VerdictAssert.Single(verdict, "AG009", FindingSeverity.Warning, "metadata.annotations['k8s.aliyun.com/acr-user-arns']");
        Assert.That(finding.Message, Does.StartWith("AG009 k8s.aliyun.com/acr-user-arns and k8s.aliyun.com/acr-service-arns are both in account 1609982529123456"));
        Assert.That(verdict.Allowed, Is.True);
    }

    [Test]
    public void Different_accounts_do_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(Pod(Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn), ("k8s.aliyun.com/acr-user-arns", UserArn)))));
    }

    [Test]
    public void Malformed_arns_are_left_to_AG005()
    {
        var verdict = Objects.Evaluate(Pod(Ann(
            ("k8s.aliyun.com/acr-service-arns", "acs:ram::1609982529******:role/a"),
            ("k8s.aliyun.com/acr-user-arns", "acs:ram::1609982529******:role/b"))));

        VerdictAssert.None(verdict, "AG009");
    }
}
