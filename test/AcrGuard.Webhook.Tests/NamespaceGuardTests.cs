using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.Webhook.Tests.Support;
using static AcrGuard.Webhook.Tests.Support.NamespaceReviews;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// <c>POST /validate/namespace</c> through the composed application: only modeLabel's users and
/// groups may set acrguard.io/mode: audit (contract: "Who may downgrade enforcement").
/// </summary>
public sealed class NamespaceGuardTests
{
    private const string Config = """
        modeLabel:
          allowedUsers: [ci-admin]
          allowedGroups: [system:masters, platform-admins]
        """;

    private static readonly string[] Developer = ["developers", "system:authenticated"];

    private string directory = null!;
    private WebhookFactory factory = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public void StartWebhook()
    {
        directory = Directory.CreateTempSubdirectory("acrguard-guard-").FullName;
        var path = Path.Combine(directory, "config.yaml");
        File.WriteAllText(path, Config);
        factory = new WebhookFactory(path);
        client = factory.Webhook();
    }

    [OneTimeTearDown]
    public void StopWebhook()
    {
        client.Dispose();
        factory.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task A_member_of_an_allowed_group_may_label_a_namespace_audit()
    {
        var (status, body) = await client.PostAsync("/validate/namespace", Update(TeamA("audit"), TeamA(null), "kubernetes-admin", ["system:masters", "system:authenticated"]));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        AssertJson(body, """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"ns-update-kubernetes-admin","allowed":true}}""");
    }

    [Test]
    public async Task An_allowed_user_may_label_a_namespace_audit()
    {
        var (_, body) = await client.PostAsync("/validate/namespace", Update(TeamA("audit"), TeamA(null), "ci-admin", ["system:authenticated"]));

        Assert.That(Allowed(body), Is.True);
    }

    [Test]
    public async Task Another_user_is_denied_403_naming_the_label_and_who_may_set_it()
    {
        var (status, body) = await client.PostAsync("/validate/namespace", Update(TeamA("audit"), TeamA(null), "alice@example.com", Developer));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        AssertJson(body, """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{
              "uid":"ns-update-alice@example.com","allowed":false,
              "status":{"code":403,"reason":"Forbidden","status":"Failure","message":
              "acrguard.io/mode: audit turns AcrGuard's enforcement into warnings in namespace 'team-a': only users ci-admin; groups system:masters, platform-admins may set it (modeLabel in AcrGuard's configuration), not 'alice@example.com' (groups developers, system:authenticated)"}}}
            """);
    }

    [Test]
    public async Task Creating_a_namespace_with_the_label_is_a_downgrade_too()
    {
        var (_, denied) = await client.PostAsync("/validate/namespace", Create(TeamA("audit"), "alice@example.com", Developer));
        var (_, allowed) = await client.PostAsync("/validate/namespace", Create(TeamA("audit"), "bob", ["platform-admins", "system:authenticated"]));
        var (_, enforced) = await client.PostAsync("/validate/namespace", Create(TeamA(null), "alice@example.com", Developer));

        Assert.Multiple(() =>
        {
            Assert.That(Allowed(denied), Is.False);
            Assert.That(denied.Response().GetProperty("status").GetProperty("code").GetInt32(), Is.EqualTo(403));
            Assert.That(Allowed(allowed), Is.True);
            Assert.That(Allowed(enforced), Is.True, "a new namespace without the label is enforced: nothing to guard");
        });
    }

    [TestCase("enforce")]
    [TestCase("Audit")]
    public async Task Changing_another_value_to_audit_is_denied(string before)
    {
        var (_, body) = await client.PostAsync("/validate/namespace", Update(TeamA("audit"), TeamA(before), "alice@example.com", Developer));

        Assert.That(Allowed(body), Is.False);
    }

    [Test]
    public async Task Removing_the_label_is_allowed_to_anyone()
    {
        var (_, body) = await client.PostAsync("/validate/namespace", Update(TeamA(null), TeamA("audit"), "alice@example.com", Developer));

        Assert.That(Allowed(body), Is.True);
    }

    [Test]
    public async Task Unrelated_changes_are_allowed_to_anyone_even_on_an_audited_namespace()
    {
        var (_, relabelled) = await client.PostAsync("/validate/namespace", Update(TeamA("audit", ("cost-center", "4711")), TeamA("audit"), "alice@example.com", Developer));
        var (_, enforced) = await client.PostAsync("/validate/namespace", Update(TeamA(null, ("cost-center", "4711")), TeamA(null), "alice@example.com", Developer));
        var (_, otherValue) = await client.PostAsync("/validate/namespace", Update(TeamA("enforce"), TeamA(null), "alice@example.com", Developer));

        Assert.Multiple(() =>
        {
            Assert.That(Allowed(relabelled), Is.True, "the label kept as it was");
            Assert.That(Allowed(enforced), Is.True, "no mode label at all");
            Assert.That(Allowed(otherValue), Is.True, "a value other than audit enforces");
        });
    }

    [Test]
    public async Task A_dry_run_gets_the_same_verdict()
    {
        var (_, denied) = await client.PostAsync("/validate/namespace", Update(TeamA("audit"), TeamA(null), "alice@example.com", Developer, dryRun: true));
        var (_, allowed) = await client.PostAsync("/validate/namespace", Update(TeamA("audit"), TeamA(null), "ci-admin", [], dryRun: true));

        Assert.Multiple(() =>
        {
            Assert.That(Allowed(denied), Is.False);
            Assert.That(denied.Response().GetProperty("status").GetProperty("code").GetInt32(), Is.EqualTo(403));
            Assert.That(Allowed(allowed), Is.True);
        });
    }

    [Test]
    public async Task Deleting_a_namespace_is_not_the_guards_business()
    {
        var (_, body) = await client.PostAsync("/validate/namespace", Envelope("DELETE", null, TeamA("audit"), "alice@example.com", Developer, dryRun: false));

        Assert.That(Allowed(body), Is.True);
    }

    [Test]
    public async Task A_review_of_another_kind_is_refused_400_as_a_misrouted_webhook()
    {
        var review = JsonNode.Parse(Update(TeamA("audit"), TeamA(null), "alice@example.com", Developer))!;
        review["request"]!["kind"]!["kind"] = "Pod";

        var (status, body) = await client.PostAsync("/validate/namespace", review.ToJsonString());

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.Response().GetProperty("status").GetProperty("message").GetString(), Does.StartWith("/validate/namespace reviews Namespaces, not Pod"));
        });
    }

    [Test]
    public async Task Labels_that_are_not_a_map_are_refused_naming_the_field()
    {
        var ns = TeamA(null);
        ns["metadata"]!["labels"] = new JsonArray("acrguard.io/mode=audit");

        var (status, body) = await client.PostAsync("/validate/namespace", Update(ns, TeamA(null), "alice@example.com", Developer));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Allowed(body), Is.False);
            Assert.That(body.Response().GetProperty("status").GetProperty("code").GetInt32(), Is.EqualTo(400));
            Assert.That(
                body.Response().GetProperty("status").GetProperty("message").GetString(),
                Is.EqualTo("AcrGuard cannot read the Namespace: request.object.metadata.labels: expected an object, found a list"));
        });
    }

    [Test]
    public async Task Groups_that_are_not_a_list_of_strings_are_a_bad_request()
    {
        var review = JsonNode.Parse(Update(TeamA("audit"), TeamA(null), "alice@example.com", Developer))!;
        review["request"]!["userInfo"]!["groups"] = "system:masters";

        var (status, body) = await client.PostAsync("/validate/namespace", review.ToJsonString());

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.Response().GetProperty("status").GetProperty("message").GetString(), Is.EqualTo("request.userInfo.groups: expected a list, found a string"));
        });
    }

    [Test]
    public async Task Without_mode_label_in_the_configuration_only_system_masters_may_downgrade()
    {
        using var defaults = new WebhookFactory();
        using var webhook = defaults.Webhook();

        var (_, admin) = await webhook.PostAsync("/validate/namespace", Update(TeamA("audit"), TeamA(null), "kubernetes-admin", ["system:masters"]));
        var (_, ciAdmin) = await webhook.PostAsync("/validate/namespace", Update(TeamA("audit"), TeamA(null), "ci-admin", []));

        Assert.Multiple(() =>
        {
            Assert.That(Allowed(admin), Is.True);
            Assert.That(Allowed(ciAdmin), Is.False);
            Assert.That(ciAdmin.Response().GetProperty("status").GetProperty("message").GetString(), Does.Contain("only groups system:masters may set it"));
        });
    }

    [Test]
    public async Task An_edited_mode_label_applies_without_a_restart()
    {
        var reloaded = Directory.CreateTempSubdirectory("acrguard-guard-reload-").FullName;
        var path = Path.Combine(reloaded, "config.yaml");
        File.WriteAllText(path, Config);
        try
        {
            using var edited = new WebhookFactory(path);
            using var webhook = edited.Webhook();
            var review = Update(TeamA("audit"), TeamA(null), "alice@example.com", Developer);
            Assert.That(Allowed((await webhook.PostAsync("/validate/namespace", review)).Body), Is.False, "alice is not in modeLabel at start");

            File.WriteAllText(path, "modeLabel:\n  allowedUsers: [alice@example.com]\n");

            var allowed = false;
            for (var i = 0; i < 50 && !allowed; i++)
            {
                await Task.Delay(100);
                allowed = Allowed((await webhook.PostAsync("/validate/namespace", review)).Body);
            }

            Assert.That(allowed, Is.True, "alice added to modeLabel.allowedUsers");
        }
        finally
        {
            Directory.Delete(reloaded, recursive: true);
        }
    }

    [Test]
    public async Task Every_downgrade_attempt_is_one_log_line_with_who_and_the_verdict()
    {
        var log = new CapturedLog();
        using var logged = new WebhookFactory(log: log);
        using var webhook = logged.Webhook();

        await webhook.PostAsync("/validate/namespace", Update(TeamA("audit"), TeamA(null), "alice@example.com", Developer, dryRun: true));
        await webhook.PostAsync("/validate/namespace", Update(TeamA(null, ("cost-center", "4711")), TeamA(null), "alice@example.com", Developer));

        var lines = log.Entries.Where(e => e.Event.Name == "ModeDowngrade").ToList();
        Assert.That(lines, Has.Count.EqualTo(1), "one attempt, and nothing for the unrelated change");
        Assert.Multiple(() =>
        {
            Assert.That(lines[0].Fields["Name"], Is.EqualTo("team-a"));
            Assert.That(lines[0].Fields["User"], Is.EqualTo("alice@example.com"));
            Assert.That(lines[0].Fields["Groups"], Is.EqualTo("developers,system:authenticated"));
            Assert.That(lines[0].Fields["Allowed"], Is.EqualTo(false));
            Assert.That(lines[0].Fields["DryRun"], Is.EqualTo(true));
        });
    }

    private static bool Allowed(JsonElement body) => body.Response().GetProperty("allowed").GetBoolean();

    private static void AssertJson(JsonElement actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual.GetRawText()), JsonNode.Parse(expected)), Is.True, actual.GetRawText());
}
