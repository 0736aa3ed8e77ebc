using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG012PullSecretTests
{
    [TestCase("secret2")]
    [TestCase("default/secret2")]
    [TestCase("default:")]
    [TestCase(":secret2")]
    [TestCase("Default:secret2")]
    [TestCase("default:secret:2")]
    public void Secret_not_written_as_namespace_colon_name_is_denied_with_AG012(string secret)
    {
        var verdict = Objects.Evaluate(ImageCache(null, EnterpriseImage, "default:secret1", secret));

        var finding = VerdictAssert.Single(verdict, "AG012", FindingSeverity.Error, "spec.imagePullSecrets[1]");
        Assert.That(finding.Message, Does.StartWith($"AG012 imagePullSecrets item '{secret}' is not namespace:name"));
    }

    [Test]
    public void Secrets_from_the_source_document_do_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(ImageCache(null, EnterpriseImage, "default:secret1", "default:secret2", "kube-system:secret3")));
    }
}
