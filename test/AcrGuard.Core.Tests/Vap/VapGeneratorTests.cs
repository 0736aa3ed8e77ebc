using System.Text.Json.Nodes;
using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Vap;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>What <c>acrguard vap</c> generates for a configuration: which policies and bindings, which rules are left to the webhook.</summary>
public class VapGeneratorTests
{
    private static IEnumerable<string> Names(VapPolicySet set) => set.Documents.Select(d => $"{d["kind"]}/{d["metadata"]!["name"]}");

    private static IEnumerable<JsonObject> Policies(VapPolicySet set) => set.Documents.Where(d => (string?)d["kind"] == "ValidatingAdmissionPolicy");

    [Test]
    public void The_default_configuration_gives_a_policy_per_severity_and_a_binding_per_mode()
    {
        Assert.That(Names(VapGenerator.Generate(AcrGuardConfig.Default)), Is.EqualTo(new[]
        {
            "ValidatingAdmissionPolicy/acrguard", "ValidatingAdmissionPolicy/acrguard-warnings",
            "ValidatingAdmissionPolicyBinding/acrguard", "ValidatingAdmissionPolicyBinding/acrguard-audit", "ValidatingAdmissionPolicyBinding/acrguard-warnings",
        }));
    }

    [Test]
    public void Mode_audit_binds_the_error_policy_once_for_every_namespace() =>
        Assert.That(Names(VapGenerator.Generate(AcrGuardConfig.Default, EnforcementMode.Audit)), Does.Contain("ValidatingAdmissionPolicyBinding/acrguard").And.Not.Contain("ValidatingAdmissionPolicyBinding/acrguard-audit"));

    [Test]
    public void Only_the_rules_cel_cannot_express_are_left_to_the_webhook()
    {
        Assert.Multiple(() =>
        {
            Assert.That(VapGenerator.Generate(AcrGuardConfig.Default).LeftToWebhook.Select(r => r.Id), Is.EqualTo(new[] { "AG007" }));
            Assert.That(VapGenerator.Generate(Configs.WithRule("AG007", "off")).LeftToWebhook, Is.Empty, "a rule switched off is nobody's");
        });
    }

    [Test]
    public void With_every_warning_rule_off_there_is_no_warnings_policy()
    {
        var config = ConfigReader.Parse("rules: {AG001: off, AG008: off, AG009: off, AG010: off, AG013: off}");

        Assert.That(Names(VapGenerator.Generate(config)), Has.None.Contains("acrguard-warnings"));
    }

    [Test]
    public void Every_validation_reads_a_variable_its_policy_defines_before_use()
    {
        foreach (var policy in Policies(VapGenerator.Generate(new AcrGuardConfig(customDomains: [new CustomDomain("registry.example.com", InstanceId)]))))
        {
            var defined = new List<string>();
            foreach (var variable in policy["spec"]!["variables"]!.AsArray())
            {
                Assert.That(Referenced((string)variable!["expression"]!), Is.SubsetOf(defined), $"{variable["name"]} reads only variables before it");
                defined.Add((string)variable["name"]!);
            }

            foreach (var validation in policy["spec"]!["validations"]!.AsArray())
            {
                Assert.That(Referenced((string)validation!["expression"]! + (string)validation["messageExpression"]!), Is.SubsetOf(defined));
            }
        }
    }

    [Test]
    public void Without_custom_domains_the_policies_carry_nothing_of_AG003()
    {
        var withDomain = VapGenerator.Generate(Configs.CustomDomain());
        var without = VapGenerator.Generate(AcrGuardConfig.Default);

        Assert.Multiple(() =>
        {
            Assert.That(Variables(withDomain), Does.Contain("ag003").And.Contain("customDomain0"));
            Assert.That(Variables(without), Has.None.StartsWith("ag003").And.None.StartsWith("customDomain"));
        });
    }

    [Test]
    public void Custom_domains_and_instance_ids_are_baked_in_as_literals()
    {
        var text = string.Join("\n", VapGenerator.Generate(Configs.CustomDomain("cn-beijing:cri-j36zhodptmyq1234")).Documents.Select(d => d.ToJsonString())).Replace("\\u0027", "'", StringComparison.Ordinal);

        Assert.That(text, Does.Contain("'test1234-registry.example.com'").And.Contain("cn-beijing:cri-j36zhodptmyq1234").And.Contain("'cri-j36zhodptmyq1234' in variables.instanceIds"));
    }

    [Test]
    public void No_expression_uses_optional_types_or_kubernetes_only_libraries()
    {
        var expressions = Policies(VapGenerator.Generate(ConfigReader.Parse("registries: {customDomains: [{domain: r.example.com, instanceId: cri-abc}]}\nrules: {AG011: error}\nworkloads: [{apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet}]")))
            .SelectMany(p => p["spec"]!["variables"]!.AsArray().Select(v => (string)v!["expression"]!)
                .Concat(p["spec"]!["validations"]!.AsArray().Select(v => (string)v!["expression"]! + (string)v["messageExpression"]!)))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(expressions, Has.None.Contains(".?").And.None.Contains("[?").And.None.Contains("optional."));
            Assert.That(expressions, Has.None.Matches(@"\b(url|ip|cidr|quantity|isURL|isIP|semver|authorizer|cel\.bind|lists\.|sets\.|math\.)\b"));
        });
    }

    private static List<string> Variables(VapPolicySet set) =>
        [.. Policies(set).SelectMany(p => p["spec"]!["variables"]!.AsArray().Select(v => (string)v!["name"]!))];

    private static IEnumerable<string> Referenced(string expression) =>
        System.Text.RegularExpressions.Regex.Matches(expression, @"variables\.([A-Za-z0-9]+)").Select(m => m.Groups[1].Value).Distinct();
}
