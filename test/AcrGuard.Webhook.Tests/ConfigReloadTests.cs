using System.Collections.Concurrent;
using AcrGuard.Configuration;
using AcrGuard.Webhook.Configuration;
using AcrGuard.Webhook.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
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

        Replace("mode: audit\n");
        Assert.That(await Eventually(async () => await Allowed(client)), Is.True, "the edit to audit applied");
        Assert.That(await Eventually(() => Task.FromResult(log.Entries.Any(e => e.Event.Name == "ConfigReloaded"))), Is.True, "ConfigReloaded logged");

        // Refused, seen as refused: the log line and the failure count, not only the old behaviour,
        // which a watcher that never fired would show as well.
        Replace("mode: enforce\nrules:\n  AG999: off\n");
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

        Replace("mode: enforce\n");
        Assert.That(await Eventually(async () => !await Allowed(client)), Is.True, "the next good edit applies");
    }

    [Test]
    public async Task Rule_severities_follow_the_file()
    {
        using var factory = new WebhookFactory(configPath);
        using var client = factory.Webhook();

        Replace("rules:\n  AG001: warning\n");

        Assert.That(await Eventually(async () => await Allowed(client)), Is.True, "AG001 demoted to a warning");
    }

    [Test]
    public async Task A_configuration_source_registered_in_the_host_is_read_in_place_of_the_file()
    {
        // The file says enforce; the source says audit for whatever it is asked.
        var source = new AuditSource();
        using var factory = new WebhookFactory(configPath);
        using var replaced = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<IConfigSource>(source)));
        using var client = replaced.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(WebhookFactory.WebhookBase) });

        Assert.That(await Allowed(client), Is.True, "audit, as the source says");
        Assert.That(source.Asked, Is.EqualTo(new[] { configPath }), "asked once, at start, for the --config path");
    }

    // In one step, as the kubelet swaps a mounted ConfigMap: a file rewritten in place can be read
    // half-written, and its first line alone ("mode: enforce") is a valid configuration.
    private void Replace(string text)
    {
        var next = configPath + ".next";
        File.WriteAllText(next, text);
        File.Move(next, configPath, overwrite: true);
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

    private sealed class AuditSource : IConfigSource
    {
        private readonly ConcurrentQueue<string?> asked = new();

        public IEnumerable<string?> Asked => asked;

        public AcrGuardConfig Load(string? path)
        {
            asked.Enqueue(path);
            return AcrGuardConfig.Default.WithMode(EnforcementMode.Audit);
        }
    }
}
