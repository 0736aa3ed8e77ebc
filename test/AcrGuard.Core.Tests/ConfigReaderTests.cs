using AcrGuard.Configuration;

namespace AcrGuard.Core.Tests;

public class ConfigReaderTests
{
    [Test]
    public void Reads_the_contract_example()
    {
        var config = ConfigReader.Parse("""
            mode: audit
            registries:
              customDomains:
                - domain: registry.example.com
                  instanceId: cn-beijing:cri-j36zhodptmyq1234
            rules:
              AG011: warning
              AG008: "off"
            """);

        Assert.Multiple(() =>
        {
            Assert.That(config.Mode, Is.EqualTo(EnforcementMode.Audit));
            Assert.That(config.CustomDomains, Is.EqualTo(new[] { new CustomDomain("registry.example.com", "cn-beijing:cri-j36zhodptmyq1234") }));
            Assert.That(config.Rules["AG011"], Is.EqualTo(RuleSeverity.Warning));
            Assert.That(config.Rules["AG008"], Is.EqualTo(RuleSeverity.Off));
        });
    }

    [TestCase("")]
    [TestCase("# only a comment\n")]
    [TestCase("---\n")]
    public void Empty_file_means_the_defaults(string yaml)
    {
        var config = ConfigReader.Parse(yaml);

        Assert.That(config.Mode, Is.EqualTo(EnforcementMode.Enforce));
        Assert.That(config.CustomDomains, Is.Empty);
        Assert.That(config.Rules, Is.Empty);
    }

    [TestCase("mdoe: audit", "mdoe (line 1): unknown key; expected mode, registries, rules or modeLabel")]
    [TestCase("mode: strict", "mode (line 1): 'strict' is not a mode; use enforce or audit")]
    [TestCase("rules:\n  AG099: error", "rules.AG099 (line 2): unknown rule; known rules are AG001 to AG013")]
    [TestCase("rules:\n  AG001: fatal", "rules.AG001 (line 2): 'fatal' is not a severity; use error, warning or off")]
    [TestCase("rules: [AG001]", "rules (line 1): expected a mapping")]
    [TestCase("registries:\n  customDomain: []", "registries.customDomain (line 2): unknown key; expected customDomains")]
    [TestCase("registries:\n  customDomains:\n    - domain: https://registry.example.com\n      instanceId: cri-abc", "registries.customDomains[0].domain (line 3): 'https://registry.example.com' is not a registry host name")]
    [TestCase("registries:\n  customDomains:\n    - domain: registry.example.com\n      instanceId: cri-****", "registries.customDomains[0].instanceId (line 4): 'cri-****' is not an ACR instance id")]
    [TestCase("registries:\n  customDomains:\n    - domain: registry.example.com", "registries.customDomains[0] (line 3): missing instanceId")]
    [TestCase("registries:\n  customDomains:\n    - domain: registry.example.com\n      instanceId: cri-abc\n      region: cn-beijing", "registries.customDomains[0].region (line 5): unknown key; expected domain and instanceId")]
    [TestCase("registries:\n  customDomains:\n    - {domain: a.example.com, instanceId: cri-a}\n    - {domain: A.example.com, instanceId: cri-b}", "registries.customDomains[1].domain (line 4): 'a.example.com' is listed twice")]
    [TestCase("- mode: audit", "the configuration (line 1): expected a mapping")]
    [TestCase("mode: [audit", "line 2: not valid YAML: While parsing a flow sequence")]
    [TestCase("mode: audit\n---\nmode: enforce", "line 3: expected one YAML document, found 2")]
    public void Bad_configuration_is_refused_naming_the_key_and_line(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigReader.Parse(yaml));

        Assert.That(error!.Message, Does.StartWith(expected));
    }
}
