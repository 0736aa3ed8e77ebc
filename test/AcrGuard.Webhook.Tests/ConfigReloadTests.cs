using AcrGuard.Webhook.Tests.Support;

namespace AcrGuard.Webhook.Tests;

/// <summary>The configuration file edited under a running webhook: good edits apply, bad ones are refused.</summary>
public sealed class ConfigReloadTests
{
    private string directory = null!;
    private string configPath = null!;

    [SetUp]
    public void CreateConfig()
    {
        directory = Directory.CreateTempSubdirectory("acrguard-config-").FullName;
        configPath = Path.Combine(directory, "config.yaml");
        File.WriteAllText(configPath, "mode: enforce\n");
    }

    [TearDown]
    public void RemoveConfig() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task A_good_edit_applies_without_a_restart_and_a_bad_one_keeps_the_last_good_config()
    {
        using var factory = new WebhookFactory(configPath);
        using var client = factory.Webhook();
        Assert.That(await Allowed(client), Is.False, "enforce at start");

        File.WriteAllText(configPath, "mode: audit\n");
        Assert.That(await Eventually(async () => await Allowed(client)), Is.True, "the edit to audit applied");

        File.WriteAllText(configPath, "mode: enforce\nrules:\n  AG999: off\n");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.That(await Allowed(client), Is.True, "a bad edit is refused: still audit");

        File.WriteAllText(configPath, "mode: enforce\n");
        Assert.That(await Eventually(async () => !await Allowed(client)), Is.True, "the next good edit applies");
    }

    [Test]
    public async Task Rule_severities_follow_the_file()
    {
        using var factory = new WebhookFactory(configPath);
        using var client = factory.Webhook();

        File.WriteAllText(configPath, "rules:\n  AG001: warning\n");

        Assert.That(await Eventually(async () => await Allowed(client)), Is.True, "AG001 demoted to a warning");
    }

    private static async Task<bool> Allowed(HttpClient client)
    {
        var (_, body) = await client.PostAsync("/validate", Reviews.Sample("deployment-misplaced-annotation.json"));
        return body.Response().GetProperty("allowed").GetBoolean();
    }

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
