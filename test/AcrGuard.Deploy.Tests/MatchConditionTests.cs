using System.Text.Json.Nodes;

namespace AcrGuard.Deploy.Tests;

/// <summary>
/// The rendered webhooks' matchConditions, evaluated with CEL against realistic objects: which
/// requests wait on AcrGuard, so that a typo in an expression cannot ship.
/// </summary>
public class MatchConditionTests
{
    private static readonly string[] Developer = ["developers", "system:authenticated"];

    private Manifests _manifests = null!;

    [OneTimeSetUp]
    public void Render()
    {
        using var rendered = RenderedOverlay.CopyOf("cert-manager");
        _manifests = rendered.Render();
    }

    private MatchConditions Of(string webhook) =>
        MatchConditions.Of(_manifests.Single("ValidatingWebhookConfiguration", "acrguard").At("webhooks").Items().Single(w => w.Text("name") == webhook));

    private static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "assets", "objects", name)))!.AsObject();

    [TestCase("pod-of-replicaset.json")]
    [TestCase("replicaset-of-deployment.json")]
    [TestCase("job-of-cronjob.json")]
    public void A_controller_owned_object_skips_the_enforce_webhook_and_goes_to_the_owned_one(string file)
    {
        var obj = Load(file);
        var old = Load(file);

        Assert.Multiple(() =>
        {
            Assert.That(Of("enforce.acrguard.io").Match("CREATE", obj, null), Is.False, "enforce, CREATE");
            Assert.That(Of("enforce.acrguard.io").Match("UPDATE", obj, old), Is.False, "enforce, UPDATE");
            Assert.That(Of("owned.acrguard.io").Match("CREATE", obj, null), Is.True, "owned, CREATE");
            Assert.That(Of("owned.acrguard.io").Match("UPDATE", obj, old), Is.True, "owned, UPDATE");
        });
    }

    [TestCase("pod-bare.json")]
    [TestCase("deployment.json")]
    public void An_object_without_a_controller_goes_to_the_enforce_webhook_only(string file)
    {
        var obj = Load(file);

        Assert.Multiple(() =>
        {
            Assert.That(Of("enforce.acrguard.io").Match("CREATE", obj, null), Is.True);
            Assert.That(Of("owned.acrguard.io").Match("CREATE", obj, null), Is.False);
        });
    }

    [TestCase(null, TestName = "An_owner_reference_without_the_controller_field_is_not_a_controller")]
    [TestCase(false, TestName = "An_owner_reference_with_controller_false_is_not_a_controller")]
    public void A_plain_owner_reference_is_not_a_controller(bool? controller)
    {
        var pod = Load("pod-bare.json");
        var owner = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "debug-settings", ["uid"] = "11111111-2222-4333-8444-555555555555" };
        if (controller is { } value)
        {
            owner["controller"] = value;
        }

        pod["metadata"]!["ownerReferences"] = new JsonArray(owner);

        Assert.Multiple(() =>
        {
            Assert.That(Of("enforce.acrguard.io").Match("CREATE", pod, null), Is.True);
            Assert.That(Of("owned.acrguard.io").Match("CREATE", pod, null), Is.False);
        });
    }

    [Test]
    public void A_controller_among_several_owners_counts()
    {
        var pod = Load("pod-of-replicaset.json");
        pod["metadata"]!["ownerReferences"]!.AsArray().Insert(0, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "x", ["uid"] = "u" });

        Assert.That(Of("enforce.acrguard.io").Match("CREATE", pod, null), Is.False);
    }

    [Test]
    public void Image_caches_reach_their_webhook_unless_a_controller_owns_them()
    {
        var cache = Load("imagecache.json");
        var owned = Load("imagecache.json");
        owned["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web", ["uid"] = "u", ["controller"] = true });

        Assert.Multiple(() =>
        {
            Assert.That(Of("imagecaches.acrguard.io").Match("CREATE", cache, null), Is.True);
            Assert.That(Of("imagecaches.acrguard.io").Match("UPDATE", cache, Load("imagecache.json")), Is.True);
            Assert.That(Of("imagecaches.acrguard.io").Match("CREATE", owned, null), Is.False);
        });
    }

    [TestCase("enforce.acrguard.io", true)]
    [TestCase("imagecaches.acrguard.io", true)]
    [TestCase("owned.acrguard.io", false)]
    public void A_delete_with_no_object_is_evaluated_without_an_error(string webhook, bool expected)
    {
        // The rules list CREATE and UPDATE only; the guard keeps the expressions safe if DELETE is ever added.
        Assert.That(Of(webhook).Match("DELETE", null, Load("pod-of-replicaset.json")), Is.EqualTo(expected));
    }

    private static JsonObject Namespace(string? mode, params (string Key, string Value)[] more)
    {
        var ns = Load("namespace.json");
        var labels = ns["metadata"]!["labels"]!.AsObject();
        if (mode is not null)
        {
            labels["acrguard.io/mode"] = mode;
        }

        foreach (var (key, value) in more)
        {
            labels[key] = value;
        }

        return ns;
    }

    private static JsonObject WithoutLabels()
    {
        var ns = Load("namespace.json");
        ns["metadata"]!.AsObject().Remove("labels");
        return ns;
    }

    [Test]
    public void The_guard_sees_a_namespace_created_with_the_audit_label()
    {
        var guard = Of("mode-label.acrguard.io");

        Assert.Multiple(() =>
        {
            Assert.That(guard.Match("CREATE", Namespace("audit"), null, "alice@example.com", Developer), Is.True, "with audit");
            Assert.That(guard.Match("CREATE", Namespace(null), null, "alice@example.com", Developer), Is.False, "without the label");
            Assert.That(guard.Match("CREATE", Namespace("enforce"), null, "alice@example.com", Developer), Is.False, "with another value");
            Assert.That(guard.Match("CREATE", WithoutLabels(), null, "alice@example.com", Developer), Is.False, "with no labels at all");
        });
    }

    [Test]
    public void The_guard_sees_an_update_that_sets_or_changes_the_label_to_audit()
    {
        var guard = Of("mode-label.acrguard.io");

        Assert.Multiple(() =>
        {
            Assert.That(guard.Match("UPDATE", Namespace("audit"), Namespace(null)), Is.True, "set");
            Assert.That(guard.Match("UPDATE", Namespace("audit"), Namespace("enforce")), Is.True, "changed from enforce");
            Assert.That(guard.Match("UPDATE", Namespace("audit"), WithoutLabels()), Is.True, "set on a namespace with no labels");
        });
    }

    [Test]
    public void Removing_keeping_or_not_touching_the_label_never_reaches_the_guard()
    {
        var guard = Of("mode-label.acrguard.io");

        Assert.Multiple(() =>
        {
            Assert.That(guard.Match("UPDATE", Namespace(null), Namespace("audit")), Is.False, "removed");
            Assert.That(guard.Match("UPDATE", Namespace("enforce"), Namespace("audit")), Is.False, "changed to enforce");
            Assert.That(guard.Match("UPDATE", Namespace("audit", ("cost-center", "4711")), Namespace("audit")), Is.False, "kept, another label added");
            Assert.That(guard.Match("UPDATE", Namespace(null, ("cost-center", "4711")), Namespace(null)), Is.False, "an unrelated change");
            Assert.That(guard.Match("UPDATE", WithoutLabels(), WithoutLabels()), Is.False, "no labels before or after");
            Assert.That(guard.Match("DELETE", null, Namespace("audit")), Is.False, "a delete");
        });
    }

    [Test]
    public void The_expressions_compile_and_a_typo_would_not()
    {
        // The CEL implementation refuses a field that is not there: the check above is not vacuous.
        var typo = new JsonObject { ["name"] = "c", ["expression"] = "object.metadata.ownerRefs.exists(r, r.controller == true)" };
        var webhook = new YamlDotNet.RepresentationModel.YamlMappingNode
        {
            { "matchConditions", new YamlDotNet.RepresentationModel.YamlSequenceNode(new YamlDotNet.RepresentationModel.YamlMappingNode { { "name", "c" }, { "expression", (string)typo["expression"]! } }) },
        };

        Assert.Multiple(() =>
        {
            Assert.That(Of("mode-label.acrguard.io").Names, Is.EqualTo(new[] { "sets-mode-audit", "was-not-audit" }));
            Assert.Throws<AssertionException>(() => MatchConditions.Of(webhook).Match("CREATE", Load("pod-bare.json"), null));
        });
    }
}
