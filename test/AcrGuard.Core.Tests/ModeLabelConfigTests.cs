using AcrGuard.Configuration;

namespace AcrGuard.Core.Tests;

/// <summary>The configuration's <c>modeLabel</c>: who may set acrguard.io/mode: audit on a namespace.</summary>
public class ModeLabelConfigTests
{
    [Test]
    public void Reads_the_contract_example()
    {
        var config = ConfigReader.Parse("""
            modeLabel:                    # who may set acrguard.io/mode: audit on a namespace (a downgrade)
              allowedUsers: []
              allowedGroups: [system:masters]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(config.ModeLabel.AllowedUsers, Is.Empty);
            Assert.That(config.ModeLabel.AllowedGroups, Is.EqualTo(new[] { "system:masters" }));
        });
    }

    [Test]
    public void Without_mode_label_only_system_masters_may_downgrade()
    {
        var config = ConfigReader.Parse("mode: enforce");

        Assert.Multiple(() =>
        {
            Assert.That(config.ModeLabel.Allows("kubernetes-admin", ["system:masters", "system:authenticated"]), Is.True);
            Assert.That(config.ModeLabel.Allows("alice@example.com", ["system:authenticated"]), Is.False);
        });
    }

    [Test]
    public void A_key_left_out_keeps_its_default()
    {
        var config = ConfigReader.Parse("""
            modeLabel:
              allowedUsers: [ci-admin, "system:serviceaccount:platform:namespace-provisioner"]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(config.ModeLabel.AllowedUsers, Is.EqualTo(new[] { "ci-admin", "system:serviceaccount:platform:namespace-provisioner" }));
            Assert.That(config.ModeLabel.AllowedGroups, Is.EqualTo(new[] { "system:masters" }));
            Assert.That(config.ModeLabel.Allows("system:serviceaccount:platform:namespace-provisioner", []), Is.True);
        });
    }

    [Test]
    public void Empty_lists_let_nobody_downgrade()
    {
        var config = ConfigReader.Parse("modeLabel:\n  allowedUsers: []\n  allowedGroups: []");

        Assert.Multiple(() =>
        {
            Assert.That(config.ModeLabel.Allows("kubernetes-admin", ["system:masters"]), Is.False);
            Assert.That(config.ModeLabel.DescribeAllowed(), Does.StartWith("nobody"));
        });
    }

    [Test]
    public void Names_compare_exactly()
    {
        var policy = ConfigReader.Parse("modeLabel:\n  allowedGroups: [platform-admins]").ModeLabel;

        Assert.Multiple(() =>
        {
            Assert.That(policy.Allows("bob", ["Platform-Admins"]), Is.False);
            Assert.That(policy.Allows("bob", ["platform-admins"]), Is.True);
        });
    }

    [Test]
    public void Changing_the_mode_keeps_the_policy()
    {
        var config = ConfigReader.Parse("modeLabel:\n  allowedUsers: [ci-admin]").WithMode(EnforcementMode.Audit);

        Assert.That(config.ModeLabel.AllowedUsers, Is.EqualTo(new[] { "ci-admin" }));
    }

    [TestCase("modeLabel:\n  allowedUser: [alice]", "modeLabel.allowedUser (line 2): unknown key; expected allowedUsers and allowedGroups")]
    [TestCase("modeLabel: [alice]", "modeLabel (line 1): expected a mapping")]
    [TestCase("modeLabel:\n  allowedUsers: alice", "modeLabel.allowedUsers (line 2): expected a list of user names")]
    [TestCase("modeLabel:\n  allowedGroups: {admins: true}", "modeLabel.allowedGroups (line 2): expected a list of group names")]
    [TestCase("modeLabel:\n  allowedGroups: [\"\"]", "modeLabel.allowedGroups[0] (line 2): '' is not a group name")]
    [TestCase("modeLabel:\n  allowedUsers: [\" alice\"]", "modeLabel.allowedUsers[0] (line 2): ' alice' is not a user name")]
    [TestCase("modeLabel:\n  allowedUsers: [[alice]]", "modeLabel.allowedUsers[0] (line 2): expected a single value")]
    public void Bad_mode_label_is_refused_naming_the_key_and_line(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigReader.Parse(yaml));

        Assert.That(error!.Message, Does.StartWith(expected));
    }
}
