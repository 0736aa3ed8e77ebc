using AcrGuard.Webhook.Tests.Support;
using Microsoft.Extensions.Logging;

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
        using var log = new CapturedLog();
        using var factory = new WebhookFactory(configPath, log);
        using var client = factory.Webhook();
        using var metrics = factory.CreateClient();
        Assert.That(await Allowed(client), Is.False, "enforce at start");

        File.WriteAllText(configPath, "mode: audit\n");
        Assert.That(await Eventually(async () => await Allowed(client)), Is.True, "the edit to audit applied");
        Assert.That(await Eventually(() => Task.FromResult(log.Entries.Any(e => e.Event.Name == "ConfigReloaded"))), Is.True, "ConfigReloaded logged");

        // Refused, seen as refused: the log line and the failure count, not only the old behaviour,
        // which a watcher that never fired would show as well.
        File.WriteAllText(configPath, "mode: enforce\nrules:\n  AG999: off\n");
        Assert.That(await Eventually(() => Task.FromResult(log.Entries.Any(e => e.Event.Name == "ConfigRefused"))), Is.True, "ConfigRefused logged");
        var refused = log.Entries.First(e => e.Event.Name == "ConfigRefused");
        var stillAudit = await Allowed(client);
        var text = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That((refused.Category, refused.Level, refused.Event.Id), Is.EqualTo(("AcrGuard.Webhook.Reload.ConfigStore", LogLevel.Error, 21)));
            Assert.That(refused.Fields["Path"], Is.EqualTo(configPath));
            Assert.That(refused.Fields["Problem"], Does.Contain("AG999"));
            Assert.That(stillAudit, Is.True, "a bad edit is refused: still audit");
            Assert.That(text, Does.Match("""acrguard_reloads_total\{[^}]*result="failure"[^}]*what="config"[^}]*\} [1-9]"""));
            Assert.That(text, Does.Match("""acrguard_reloads_total\{[^}]*result="success"[^}]*what="config"[^}]*\} [1-9]"""));
        });

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
