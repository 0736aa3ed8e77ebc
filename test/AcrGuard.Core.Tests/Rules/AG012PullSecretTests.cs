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
        Assert.That(finding.Message, Is.EqualTo($"AG012 imagePullSecrets item '{secret}' is not namespace:name: write it as e.g. default:my-secret"));
    }

    [Test]
    public void A_secret_left_as_an_unrendered_template_is_quoted_as_written()
    {
        // Braces reach the message verbatim: it is not a format string (a chart applied without helm template).
        var verdict = Objects.Evaluate(ImageCache(null, EnterpriseImage, "{{ .Release.Namespace }}:regcred"));

        var finding = VerdictAssert.Single(verdict, "AG012", FindingSeverity.Error, "spec.imagePullSecrets[0]");
        Assert.That(finding.Message, Is.EqualTo("AG012 imagePullSecrets item '{{ .Release.Namespace }}:regcred' is not namespace:name: write it as e.g. default:my-secret"));
    }

    [Test]
    public void Every_malformed_secret_is_a_finding_at_its_own_index()
    {
        var verdict = Objects.Evaluate(ImageCache(null, EnterpriseImage, "regcred", "default:secret1", "kube-system/regcred"));

        Assert.That(verdict.Findings.Select(f => (f.Rule, f.Path)), Is.EqualTo(new[]
        {
            ("AG012", "spec.imagePullSecrets[0]"),
            ("AG012", "spec.imagePullSecrets[2]"),
        }));
    }

    [Test]
    public void Secrets_from_the_source_document_do_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(ImageCache(null, EnterpriseImage, "default:secret1", "default:secret2", "kube-system:secret3")));
    }
}
