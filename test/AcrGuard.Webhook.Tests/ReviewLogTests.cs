using System.Text.RegularExpressions;
using AcrGuard.Webhook.Tests.Support;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Tests;

/// <summary>One structured line per denial or warning, with who and what; nothing per allowed review.</summary>
public sealed class ReviewLogTests
{
    private const string Handler = "AcrGuard.Webhook.Hosting.ReviewHandler";

    [Test]
    public async Task A_denial_is_one_warning_line_with_uid_kind_object_user_operation_dry_run_and_rules()
    {
        using var log = new CapturedLog();
        using var factory = new WebhookFactory(log: log);
        using var client = factory.Webhook();

        await client.PostAsync("/validate", Reviews.Create(Reviews.Example("bad/misplaced-on-deployment.yaml"), uid: "deny-1", dryRun: true));

        var entry = log.Entries.Single(e => e.Category == Handler);
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.Event.Name, Is.EqualTo("Denied"));
        Assert.That(entry.Fields["Uid"], Is.EqualTo("deny-1"));
        Assert.That(entry.Fields["Kind"], Is.EqualTo("Deployment"));
        Assert.That(entry.Fields["ObjectNamespace"], Is.EqualTo("default"));
        Assert.That(entry.Fields["Name"], Is.EqualTo("web"));
        Assert.That(entry.Fields["User"], Is.EqualTo("alice@example.com"));
        Assert.That(entry.Fields["Operation"], Is.EqualTo("CREATE"));
        Assert.That(entry.Fields["DryRun"], Is.EqualTo(true));
        Assert.That(entry.Fields["Rules"], Is.EqualTo("AG001"));
    }

    [Test]
    public async Task A_review_allowed_with_warnings_is_one_information_line()
    {
        using var log = new CapturedLog();
        using var factory = new WebhookFactory(log: log);
        using var client = factory.Webhook();

        await client.PostAsync("/validate/audit", Reviews.Create(Reviews.Example("bad/misplaced-on-deployment.yaml")));

        var entry = log.Entries.Single(e => e.Category == Handler);
        Assert.That((entry.Level, entry.Event.Name, entry.Fields["Mode"]), Is.EqualTo((LogLevel.Information, "Warned", (object?)"audit")));
    }

    [Test]
    public async Task A_review_allowed_with_nothing_to_say_logs_nothing()
    {
        using var log = new CapturedLog();
        using var factory = new WebhookFactory(log: log);
        using var client = factory.Webhook();

        var (_, body) = await client.PostAsync("/validate", Reviews.Sample("deployment-cross-account.json"));

        Assert.That(body.Response().GetProperty("allowed").GetBoolean(), Is.True);
        Assert.That(log.Entries.Where(e => e.Category == Handler), Is.Empty);
    }

    [Test]
    public async Task An_object_that_cannot_be_read_as_its_kind_is_one_warning_line_with_the_problem()
    {
        using var log = new CapturedLog();
        using var factory = new WebhookFactory(log: log);
        using var client = factory.Webhook();
        var deployment = Reviews.Example("good/cross-account.yaml");
        var broken = Regex.Replace(deployment, "\"image\":\\s*\"[^\"]*\"", "\"image\":7");
        Assert.That(broken, Does.Contain("\"image\":7"), "the fixture's image was replaced");

        var (_, body) = await client.PostAsync("/validate", Reviews.Create(broken, uid: "unreadable-1"));

        Assert.That(body.Response().GetProperty("status").GetProperty("code").GetInt32(), Is.EqualTo(400));
        var entry = log.Entries.Single(e => e.Category == Handler);
        Assert.Multiple(() =>
        {
            Assert.That((entry.Level, entry.Event.Name), Is.EqualTo((LogLevel.Warning, "Unreadable")));
            Assert.That(entry.Fields["Uid"], Is.EqualTo("unreadable-1"));
            Assert.That(entry.Fields["Kind"], Is.EqualTo("Deployment"));
            Assert.That(entry.Fields["Problem"], Does.EndWith("image: expected a string"));
        });
    }
}
