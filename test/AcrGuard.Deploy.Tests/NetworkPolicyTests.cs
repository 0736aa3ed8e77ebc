using YamlDotNet.RepresentationModel;

namespace AcrGuard.Deploy.Tests;

/// <summary>
/// deploy/components/network-policy, on in every overlay: the webhook pods take the webhook port
/// only from where kube-apiserver calls (ACK managed's control plane range by default) and the
/// metrics port only from the monitoring namespace (the install guide's patch for another
/// environment: <see cref="InstallGuideTests"/>).
/// </summary>
[TestFixture("overlays/cert-manager")]
[TestFixture("overlays/static-certs")]
[TestFixture("examples/workloads")]
public sealed class NetworkPolicyTests(string overlay)
{
    private Manifests manifests = null!;

    [OneTimeSetUp]
    public void Render()
    {
        using var rendered = RenderedOverlay.CopyOf(overlay.StartsWith("overlays/", StringComparison.Ordinal) ? overlay["overlays/".Length..] : "cert-manager");
        if (overlay == "overlays/static-certs")
        {
            rendered.MakeCertificates();
        }

        manifests = Manifests.Parse(Kubectl.Kustomize(Path.Combine(rendered.Copy, overlay)));
    }

    private YamlMappingNode Policy => manifests.Single("NetworkPolicy", "acrguard");

    private YamlNode Pod => manifests.Single("Deployment", "acrguard").At("spec", "template");

    private IReadOnlyList<YamlNode> Rules => Policy.At("spec", "ingress").Items();

    [Test]
    public void The_policy_selects_the_webhook_pods_in_acrguard_system_and_limits_ingress_only()
    {
        var selector = (YamlMappingNode)Policy.At("spec", "podSelector", "matchLabels");
        var labels = Pod.At("metadata", "labels");

        Assert.Multiple(() =>
        {
            Assert.That(Policy.At("metadata").Text("namespace"), Is.EqualTo("acrguard-system"));
            Assert.That(selector.Children, Is.Not.Empty);
            foreach (var (key, value) in selector.Children)
            {
                Assert.That(labels.Text((string)key!), Is.EqualTo((string)value!), $"the webhook pods carry {key}");
            }

            Assert.That(Policy.At("spec", "policyTypes").Strings(), Is.EqualTo(new[] { "Ingress" }), "the webhook opens no connections of its own worth a rule; its answers are replies");
        });
    }

    [Test]
    public void The_webhook_port_admits_only_the_ack_managed_control_plane_range()
    {
        var rule = RuleFor("webhook");

        Assert.Multiple(() =>
        {
            Assert.That(rule.At("from").Items(), Has.Count.EqualTo(1));
            Assert.That(rule.At("from").Items()[0].At("ipBlock").Text("cidr"), Is.EqualTo("100.104.0.0/16"));
            Assert.That(rule.At("from").Items()[0].At("ipBlock").Has("except"), Is.False);
        });
    }

    [Test]
    public void The_metrics_port_admits_only_the_monitoring_namespace()
    {
        var from = RuleFor("metrics").At("from").Items().Single();

        Assert.Multiple(() =>
        {
            Assert.That(from.Has("podSelector"), Is.False, "any pod of that namespace: Prometheus runs under many names");
            Assert.That(from.At("namespaceSelector", "matchLabels").Text("kubernetes.io/metadata.name"), Is.EqualTo("monitoring"));
        });
    }

    [Test]
    public void Every_rule_names_a_port_of_the_webhook_container_and_every_port_has_a_rule()
    {
        var containerPorts = Pod.At("spec", "containers").Items().Single().At("ports").Items().Select(p => p.Text("name"));
        var rulePorts = Rules.SelectMany(r => r.At("ports").Items()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(rulePorts.Select(p => p.Text("port")), Is.EquivalentTo(containerPorts));
            Assert.That(rulePorts.Select(p => p.Text("protocol")), Is.All.EqualTo("TCP"));
            Assert.That(Rules.Select(r => r.Has("from")), Is.All.True, "a rule without from would admit everyone");
        });
    }

    private YamlNode RuleFor(string port) =>
        Rules.Single(r => r.At("ports").Items().Select(p => p.Text("port")).SequenceEqual([port]));
}
