using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;

namespace AcrGuard.Core.Tests;

/// <summary>
/// The three scenarios of the source document (assets/seed/README.md): as the page prints them
/// (masked, so they cannot work), filled in (no finding), and each way of getting them wrong.
/// </summary>
public class SeedScenarioTests
{
    private const string TemplateAnnotations = "spec.template.metadata.annotations";

    private static AcrGuardConfig CustomDomain => Configs.CustomDomain();

    private static string Seed(string name) => Objects.Asset("seed", name + ".yaml");

    [TestCase("1-same-account-role", null)]
    [TestCase("2-custom-domain-deployment", "custom")]
    [TestCase("2-custom-domain-imagecache", "custom")]
    [TestCase("3-cross-account-deployment", "custom")]
    [TestCase("3-cross-account-imagecache", "custom")]
    [TestCase("3-cross-account-deployment", null)]
    public void Scenario_in_its_good_form_has_no_finding(string scenario, string? config)
    {
        VerdictAssert.Clean(Objects.Evaluate(Seed(scenario + "-good"), config is null ? null : CustomDomain));
    }

    [Test]
    public void Scenario_1_copied_verbatim_is_denied_for_its_masked_account()
    {
        var verdict = Objects.Evaluate(Seed("1-same-account-role-verbatim"));

        Assert.That(verdict.Findings.Select(f => f.Rule), Is.EqualTo(new[] { "AG005" }));
        Assert.That(verdict.Allowed, Is.False);
    }

    [Test]
    public void Scenario_2_copied_verbatim_is_denied_for_its_masked_instance_id()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Objects.Evaluate(Seed("2-custom-domain-deployment-verbatim"), CustomDomain).Findings.Select(f => f.Rule), Is.EqualTo(new[] { "AG006" }));
            Assert.That(Objects.Evaluate(Seed("2-custom-domain-imagecache-verbatim"), CustomDomain).Findings.Select(f => f.Rule), Is.EqualTo(new[] { "AG006" }));
        });
    }

    [TestCase("3-cross-account-deployment-verbatim")]
    [TestCase("3-cross-account-imagecache-verbatim")]
    public void Scenario_3_copied_verbatim_is_denied_for_every_masked_value(string scenario)
    {
        var rules = Objects.Evaluate(Seed(scenario), CustomDomain).Findings.Select(f => f.Rule).Order();

        Assert.That(rules, Is.EqualTo(new[] { "AG005", "AG005", "AG006" }));
    }

    [Test]
    public void Scenario_1_with_the_role_on_the_deployment_metadata_is_denied_with_AG001()
    {
        var yaml = Seed("1-same-account-role-good")
            .Replace("  labels:\n    app: test\n", "  labels:\n    app: test\n  annotations:\n    k8s.aliyun.com/acr-service-arns: \"acs:ram::1609982529123456:role/acr-test\"\n", StringComparison.Ordinal)
            .Replace("      annotations:                  \n        k8s.aliyun.com/acr-service-arns: \"acs:ram::1609982529123456:role/acr-test\" #指定使用的RAM角色\n", string.Empty, StringComparison.Ordinal);

        var verdict = Objects.Evaluate(yaml);

        VerdictAssert.Single(verdict, "AG001", FindingSeverity.Error, "metadata.annotations['k8s.aliyun.com/acr-service-arns']");
        Assert.That(verdict.Findings, Has.Count.EqualTo(1));
    }

    [Test]
    public void Scenario_1_with_a_misspelt_key_is_denied_with_AG007()
    {
        var yaml = Seed("1-same-account-role-good").Replace("acr-service-arns", "acr-service-arn", StringComparison.Ordinal);

        VerdictAssert.Single(Objects.Evaluate(yaml), "AG007", FindingSeverity.Error, $"{TemplateAnnotations}['k8s.aliyun.com/acr-service-arn']");
    }

    [Test]
    public void Scenario_2_without_the_instance_id_is_denied_with_AG003()
    {
        var yaml = Seed("2-custom-domain-deployment-good").Replace("        k8s.aliyun.com/acr-instance-ids: \"cri-j36zhodptmyq1234\"      #指定ACR实例ID\n", string.Empty, StringComparison.Ordinal);

        VerdictAssert.Single(Objects.Evaluate(yaml, CustomDomain), "AG003", FindingSeverity.Error, "spec.template.spec.containers[0].image");
    }

    [Test]
    public void Scenario_2_with_another_instance_id_is_denied_with_AG003()
    {
        var yaml = Seed("2-custom-domain-deployment-good").Replace("cri-j36zhodptmyq1234", "cri-abcdefgh5678", StringComparison.Ordinal);

        VerdictAssert.Single(Objects.Evaluate(yaml, CustomDomain), "AG003", FindingSeverity.Error, "spec.template.spec.containers[0].image");
    }

    [Test]
    public void Scenario_2_image_cache_without_the_instance_id_is_denied_with_AG003()
    {
        var yaml = Seed("2-custom-domain-imagecache-good").Replace("  annotations:\n    k8s.aliyun.com/acr-instance-ids: \"cri-j36zhodptmyq1234\" #指定ACR实例ID\n", string.Empty, StringComparison.Ordinal);

        VerdictAssert.Single(Objects.Evaluate(yaml, CustomDomain), "AG003", FindingSeverity.Error, "spec.images[0]");
    }

    [Test]
    public void Scenario_2_image_cache_with_a_bare_secret_name_is_denied_with_AG012()
    {
        var yaml = Seed("2-custom-domain-imagecache-good").Replace("  - default:secret2\n", "  - secret2\n", StringComparison.Ordinal);

        VerdictAssert.Single(Objects.Evaluate(yaml, CustomDomain), "AG012", FindingSeverity.Error, "spec.imagePullSecrets[1]");
    }

    [Test]
    public void Scenario_2_with_the_legacy_key_only_warns_with_AG013()
    {
        var yaml = Seed("2-custom-domain-deployment-good").Replace("acr-instance-ids", "acr-instance-id", StringComparison.Ordinal);

        var verdict = Objects.Evaluate(yaml, CustomDomain);

        VerdictAssert.Single(verdict, "AG013", FindingSeverity.Warning, $"{TemplateAnnotations}['k8s.aliyun.com/acr-instance-id']");
        Assert.That(verdict.Allowed, Is.True);
    }

    [TestCase("3-cross-account-deployment-good", "spec.template.metadata.annotations['k8s.aliyun.com/acr-user-arns']")]
    [TestCase("3-cross-account-imagecache-good", "metadata.annotations['k8s.aliyun.com/acr-user-arns']")]
    public void Scenario_3_without_the_service_role_is_denied_with_AG002(string scenario, string path)
    {
        var yaml = RemoveLine(Seed(scenario), "k8s.aliyun.com/acr-service-arns");

        VerdictAssert.Single(Objects.Evaluate(yaml, CustomDomain), "AG002", FindingSeverity.Error, path);
    }

    [Test]
    public void Scenario_3_with_both_roles_in_one_account_warns_with_AG009()
    {
        var yaml = Seed("3-cross-account-deployment-good").Replace("1298452580123456", "1609982529123456", StringComparison.Ordinal);

        VerdictAssert.Single(Objects.Evaluate(yaml, CustomDomain), "AG009", FindingSeverity.Warning, $"{TemplateAnnotations}['k8s.aliyun.com/acr-user-arns']");
    }

    [Test]
    public void Scenario_3_without_the_instance_id_is_denied_with_AG003_when_the_domain_is_configured()
    {
        var yaml = RemoveLine(Seed("3-cross-account-deployment-good"), "k8s.aliyun.com/acr-instance-ids");

        VerdictAssert.Single(Objects.Evaluate(yaml, CustomDomain), "AG003", FindingSeverity.Error, "spec.template.spec.containers[0].image");
    }

    [Test]
    public void Scenario_3_without_the_instance_id_warns_with_AG010_when_the_domain_is_not_configured()
    {
        var yaml = RemoveLine(Seed("3-cross-account-deployment-good"), "k8s.aliyun.com/acr-instance-ids");

        VerdictAssert.Single(Objects.Evaluate(yaml), "AG010", FindingSeverity.Warning, "spec.template.spec.containers[0].image");
    }

    [Test]
    public void Scenario_3_annotations_added_to_a_running_image_cache_are_denied_with_AG004()
    {
        var good = Seed("3-cross-account-imagecache-good");
        var old = RemoveLine(RemoveLine(good, "k8s.aliyun.com/acr-service-arns"), "k8s.aliyun.com/acr-user-arns");

        var verdict = Objects.Evaluate(good, CustomDomain, oldYaml: old);

        Assert.That(verdict.Findings.Where(f => f.Rule == "AG004").Select(f => f.Path), Is.EquivalentTo(new[]
        {
            "metadata.annotations['k8s.aliyun.com/acr-service-arns']",
            "metadata.annotations['k8s.aliyun.com/acr-user-arns']",
        }));
        Assert.That(verdict.Allowed, Is.False);
    }

    private static string RemoveLine(string yaml, string containing) =>
        string.Join('\n', yaml.Split('\n').Where(line => !line.Contains(containing, StringComparison.Ordinal)));
}
