using System.Text;
using System.Text.Json.Nodes;
using AcrGuard.Commands;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace AcrGuard.Deploy.Tests;

/// <summary>
/// deploy/components/vap: `acrguard vap` for the shipped configuration, and, added to an overlay,
/// the policies beside the webhooks, whose enforcing webhooks then fail open.
/// </summary>
[TestFixture("cert-manager")]
[TestFixture("static-certs")]
public class VapComponentTests(string overlay)
{
    private static readonly string Component = Path.Combine(RepositoryRoot.Path, "deploy", "components", "vap");

    private Manifests _plain = null!;
    private Manifests _withVap = null!;

    [OneTimeSetUp]
    public void Render()
    {
        using var rendered = RenderedOverlay.CopyOf(overlay);
        if (overlay == "static-certs")
        {
            rendered.MakeCertificates();
        }

        _plain = rendered.Render();
        rendered.AddComponent("vap");
        _withVap = rendered.Render();
    }

    private static (int Exit, string Stdout, string Stderr) Vap(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = AcrGuardCli.Run(["vap", .. args], TextReader.Null, stdout, stderr);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    private static string ShippedConfig()
    {
        // The ConfigMap's config.yaml, as the webhook reads it.
        var configMap = Manifests.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "base", "configmap.yaml"))).Objects.Single();
        var path = Path.Combine(Directory.CreateTempSubdirectory("acrguard-vap-").FullName, "config.yaml");
        File.WriteAllText(path, configMap.At("data").Text("config.yaml"));
        return path;
    }

    private static IReadOnlyList<YamlNode> Webhooks(Manifests manifests) => manifests.Single("ValidatingWebhookConfiguration", "acrguard").At("webhooks").Items();

    private YamlMappingNode Policy => _withVap.Single("ValidatingAdmissionPolicy", "acrguard");

    private YamlMappingNode Binding(string name) => _withVap.Single("ValidatingAdmissionPolicyBinding", name);

    [Test]
    public void The_shipped_policies_are_what_acrguard_vap_writes_for_the_shipped_configuration()
    {
        var shipped = File.ReadAllText(Path.Combine(Component, "validatingadmissionpolicies.yaml"));

        Assert.Multiple(() =>
        {
            var (exit, stdout, stderr) = Vap();
            Assert.That(exit, Is.Zero, stderr);
            Assert.That(shipped, Is.EqualTo(stdout), "regenerate it: acrguard vap > deploy/components/vap/validatingadmissionpolicies.yaml");
            Assert.That(Vap("--config", ShippedConfig()).Stdout, Is.EqualTo(shipped), "the ConfigMap's configuration gives the same");
        });
    }

    [Test]
    public void The_component_adds_the_policies_and_bindings_and_turns_only_the_enforcing_webhooks_to_ignore()
    {
        var added = _withVap.KindsAndNames.Except(_plain.KindsAndNames);
        var failurePolicies = Webhooks(_withVap).ToDictionary(w => w.Text("name"), w => w.Text("failurePolicy"));

        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EquivalentTo(new[]
            {
                "ValidatingAdmissionPolicy/acrguard", "ValidatingAdmissionPolicy/acrguard-warnings",
                "ValidatingAdmissionPolicyBinding/acrguard", "ValidatingAdmissionPolicyBinding/acrguard-audit", "ValidatingAdmissionPolicyBinding/acrguard-warnings",
            }));
            Assert.That(failurePolicies, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["enforce.acrguard.io"] = "Ignore", ["owned.acrguard.io"] = "Ignore", ["audit.acrguard.io"] = "Ignore",
                ["imagecaches.acrguard.io"] = "Ignore", ["mode-label.acrguard.io"] = "Fail",
            }), "the label guard is the webhook's alone");
            foreach (var o in _plain.Objects.Where(o => o.Text("kind") != "ValidatingWebhookConfiguration"))
            {
                var name = o["metadata"].Text("name");
                Assert.That(Yaml(_withVap.Single(o.Text("kind"), name)), Is.EqualTo(Yaml(o)), $"{o.Text("kind")}/{name} is unchanged");
            }
        });
    }

    [Test]
    public void The_policies_match_the_kinds_and_operations_of_the_webhooks()
    {
        var webhookRules = Webhooks(_plain).Where(w => w.Text("name") is "enforce.acrguard.io" or "imagecaches.acrguard.io").SelectMany(w => w.At("rules").Items());
        var policyRules = Policy.At("spec", "matchConstraints", "resourceRules").Items();

        Assert.Multiple(() =>
        {
            Assert.That(Flatten(policyRules), Is.EquivalentTo(Flatten(webhookRules)));
            Assert.That(Policy.At("spec", "matchConstraints").Text("matchPolicy"), Is.EqualTo("Equivalent"));
            Assert.That(Policy.At("spec").Text("failurePolicy"), Is.EqualTo("Fail"));
        });
    }

    [TestCase("acrguard", "enforce.acrguard.io", "Deny")]
    [TestCase("acrguard-audit", "audit.acrguard.io", "Warn,Audit")]
    public void Each_binding_selects_the_namespaces_its_webhook_selects(string binding, string webhook, string actions)
    {
        var expected = Webhooks(_plain).Single(w => w.Text("name") == webhook).At("namespaceSelector");

        Assert.Multiple(() =>
        {
            Assert.That(Yaml(Binding(binding).At("spec", "matchResources", "namespaceSelector")), Is.EqualTo(Yaml(expected)));
            Assert.That(string.Join(",", Binding(binding).At("spec", "validationActions").Strings()), Is.EqualTo(actions));
            Assert.That(Binding(binding).At("spec").Text("policyName"), Is.EqualTo("acrguard"));
        });
    }

    [Test]
    public void Image_caches_go_through_the_enforcing_binding_of_the_shipped_mode_only() =>
        Assert.Multiple(() =>
        {
            Assert.That(Binding("acrguard").At("spec", "matchResources").Has("excludeResourceRules"), Is.False);
            Assert.That(Binding("acrguard-audit").At("spec", "matchResources", "excludeResourceRules").Items().Single().At("resources").Strings(), Is.EqualTo(new[] { "imagecaches" }));
        });

    [TestCase("pod-of-replicaset.json", false)]
    [TestCase("replicaset-of-deployment.json", false)]
    [TestCase("job-of-cronjob.json", false)]
    [TestCase("pod-bare.json", true)]
    [TestCase("deployment.json", true)]
    [TestCase("imagecache.json", true)]
    public void Objects_a_controller_stamped_out_are_left_out_as_the_enforcing_webhook_leaves_them(string file, bool judged)
    {
        var obj = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "assets", "objects", file)))!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(MatchConditions.Of(Policy.At("spec")).Match("CREATE", obj, null), Is.EqualTo(judged), "CREATE");
            Assert.That(MatchConditions.Of(Policy.At("spec")).Match("UPDATE", obj, obj), Is.EqualTo(judged), "UPDATE");
        });
    }

    private static IEnumerable<string> Flatten(IEnumerable<YamlNode> rules) =>
        from rule in rules
        from g in rule.At("apiGroups").Strings()
        from v in rule.At("apiVersions").Strings()
        from r in rule.At("resources").Strings()
        from o in rule.At("operations").Strings()
        select $"{g}/{v}/{r} {o} {rule.Text("scope")}";

    private static string Yaml(YamlNode node) => new SerializerBuilder().Build().Serialize(new YamlStream(new YamlDocument(node)).Documents[0].RootNode);
}
