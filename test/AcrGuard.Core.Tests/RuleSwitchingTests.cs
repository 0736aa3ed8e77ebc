using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Images;
using AcrGuard.Rules;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests;

/// <summary>Every rule fires on its own trigger when on, and is silent when the configuration sets it off.</summary>
public class RuleSwitchingTests
{
    private const string ServiceKey = "k8s.aliyun.com/acr-service-arns";
    private const string UserKey = "k8s.aliyun.com/acr-user-arns";

    /// <summary>One manifest per rule (and the old object, for UPDATE rules) that makes it fire; VapParityFixturesTests judges them too.</summary>
    internal static readonly Dictionary<string, (string Yaml, string? Old)> Triggers = new(StringComparer.Ordinal)
    {
        ["AG001"] = (Deployment(own: Ann((ServiceKey, ServiceArn))), null),
        ["AG002"] = (Pod(Ann((UserKey, UserArn))), null),
        ["AG003"] = (Pod(Ann((ServiceKey, ServiceArn)), image: CustomDomainImage), null),
        ["AG004"] = (Pod(Ann((ServiceKey, ServiceArn))), Pod()),
        ["AG005"] = (Pod(Ann((ServiceKey, "acs:ram::1609982529******:role/role-assume"))), null),
        ["AG006"] = (Pod(Ann(("k8s.aliyun.com/acr-instance-ids", "cri_BAD"))), null),
        ["AG007"] = (Pod(Ann(("k8s.aliyun.com/acr-instances-ids", InstanceId))), null),
        ["AG008"] = (Pod(Ann((ServiceKey, ServiceArn)), image: "nginx:1.27"), null),
        ["AG009"] = (Pod(Ann((ServiceKey, ServiceArn), (UserKey, "acs:ram::1609982529123456:role/role-acr"))), null),
        ["AG010"] = (Pod(Ann((ServiceKey, ServiceArn)), image: "harbor.internal.example.org/team/app:1.0"), null),
        ["AG011"] = (Pod(Ann((ServiceKey, ServiceArn)), labels: null), null),
        ["AG012"] = (ImageCache(null, EnterpriseImage, "secret-without-namespace"), null),
        ["AG013"] = (Pod(Ann(("k8s.aliyun.com/acr-instance-id", InstanceId))), null),
    };

    private static IEnumerable<string> RuleIds => RuleCatalog.All.Select(r => r.Id);

    /// <summary>The custom domain of <see cref="Fixtures.CustomDomainImage"/>, so that AG003 has a domain to check.</summary>
    internal static AcrGuardConfig With(string rule, RuleSeverity severity) => new(
        customDomains: [new CustomDomain("test1234-registry.example.com", "cri-otherinstance0001")],
        rules: new Dictionary<string, RuleSeverity> { [rule] = severity });

    [Test]
    public void Every_rule_of_the_catalogue_has_a_trigger_here() =>
        Assert.That(Triggers.Keys, Is.EquivalentTo(RuleIds));

    [TestCaseSource(nameof(RuleIds))]
    public void A_rule_set_to_warning_fires_on_its_trigger(string rule)
    {
        var (yaml, old) = Triggers[rule];
        var verdict = Objects.Evaluate(yaml, With(rule, RuleSeverity.Warning), old);
        Assert.That(verdict.Findings.Select(f => f.Rule), Does.Contain(rule));
    }

    [TestCaseSource(nameof(RuleIds))]
    public void A_rule_set_off_is_silent_on_its_trigger(string rule)
    {
        var (yaml, old) = Triggers[rule];
        var verdict = Objects.Evaluate(yaml, With(rule, RuleSeverity.Off), old);
        Assert.That(verdict.Findings.Select(f => f.Rule), Does.Not.Contain(rule));
    }

    [TestCaseSource(nameof(RuleIds))]
    public void A_rule_set_off_is_not_composed_into_the_validator_at_all(string rule)
    {
        var everyRuleOn = RuleIds.ToDictionary(id => id, _ => RuleSeverity.Warning);
        var oneOff = new Dictionary<string, RuleSeverity>(everyRuleOn) { [rule] = RuleSeverity.Off };

        Assert.That(ComposedRules(oneOff), Is.LessThan(ComposedRules(everyRuleOn)));
    }

    [Test]
    public void With_every_rule_off_nothing_runs()
    {
        Assert.That(ComposedRules(RuleIds.ToDictionary(id => id, _ => RuleSeverity.Off)), Is.Zero);
    }

    [TestCaseSource(nameof(RuleIds))]
    public void A_rule_left_unconfigured_fires_only_when_its_default_is_on(string rule)
    {
        var (yaml, old) = Triggers[rule];
        var config = new AcrGuardConfig(customDomains: [new CustomDomain("test1234-registry.example.com", "cri-otherinstance0001")]);
        var fired = Objects.Evaluate(yaml, config, old).Findings.Any(f => f.Rule == rule);
        Assert.That(fired, Is.EqualTo(RuleCatalog.Find(rule)!.DefaultSeverity != RuleSeverity.Off));
    }

    private static int ComposedRules(Dictionary<string, RuleSeverity> rules) =>
        new ObjectValidator(new RegistryClassifier([]), new RuleSwitch(new AcrGuardConfig(rules: rules))).Count();
}
