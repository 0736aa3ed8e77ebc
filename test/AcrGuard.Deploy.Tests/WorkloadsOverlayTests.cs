using AcrGuard.Commands;
using AcrGuard.Configuration;
using YamlDotNet.RepresentationModel;

namespace AcrGuard.Deploy.Tests;

/// <summary>
/// deploy/examples/workloads, the overlay docs/install.md shows for more workload kinds: the three
/// workload webhooks send the configured kinds at the configured versions, and acrguard judges them.
/// </summary>
public class WorkloadsOverlayTests
{
    private static readonly string[] ShippedResources =
        ["pods", "replicationcontrollers", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs"];

    private Manifests manifests = null!;

    [OneTimeSetUp]
    public void Render()
    {
        // The example builds on the cert-manager overlay by a relative path: render it in a copy of deploy/.
        using var copy = RenderedOverlay.CopyOf("cert-manager");
        manifests = Manifests.Parse(Kubectl.Kustomize(Path.Combine(copy.Copy, "examples", "workloads")));
    }

    private string ConfigYaml => manifests.Single("ConfigMap", "acrguard-config").At("data").Text("config.yaml");

    private IReadOnlyList<YamlNode> Rules(string webhook) =>
        manifests.Single("ValidatingWebhookConfiguration", "acrguard").At("webhooks").Items().Single(w => w.Text("name") == webhook).At("rules").Items();

    [TestCase("enforce.acrguard.io")]
    [TestCase("owned.acrguard.io")]
    [TestCase("audit.acrguard.io")]
    public void Each_webhook_sends_the_configured_kinds_at_exactly_the_configured_versions(string webhook)
    {
        var configured = ConfigReader.Parse(ConfigYaml).Workloads.Select(w => (w.Group, w.Version)).ToHashSet();
        var added = Rules(webhook)
            .Where(r => r.At("apiGroups").Strings().Single() is not ("" or "apps" or "batch" or "eci.alibabacloud.com"))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(added.Select(r => (r.At("apiGroups").Strings().Single(), r.At("apiVersions").Strings().Single())), Is.EquivalentTo(configured));
            Assert.That(added.SelectMany(r => r.At("resources").Strings()), Is.EquivalentTo(new[] { "clonesets", "statefulsets", "rollouts" }));
            Assert.That(added.Select(r => r.At("operations").Strings()), Is.All.EquivalentTo(new[] { "CREATE", "UPDATE" }));
            Assert.That(Rules(webhook).SelectMany(r => r.At("resources").Strings()), Is.SupersetOf(ShippedResources), "the shipped rules are kept");
        });
    }

    [Test]
    public void The_configuration_is_accepted_and_denies_a_misplaced_annotation_on_a_clone_set()
    {
        var directory = Directory.CreateTempSubdirectory("acrguard-workloads-").FullName;
        try
        {
            var config = Path.Combine(directory, "config.yaml");
            var cloneSet = Path.Combine(directory, "cloneset.yaml");
            File.WriteAllText(config, ConfigYaml);
            File.WriteAllText(cloneSet, """
                apiVersion: apps.kruise.io/v1alpha1
                kind: CloneSet
                metadata:
                  name: storefront
                  namespace: shop
                  annotations:
                    k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/role-assume"
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: storefront}}
                  template:
                    metadata: {labels: {app: storefront}}
                    spec:
                      containers: [{name: web, image: "acme-registry.cn-hangzhou.cr.aliyuncs.com/shop/web:1.0"}]
                """);
            using var stdout = new MemoryStream();
            using var stderr = new StringWriter();

            var exit = AcrGuardCli.Run(["check", "--config", config, cloneSet], TextReader.Null, stdout, stderr);

            Assert.That(exit, Is.EqualTo(1), stderr.ToString());
            Assert.That(System.Text.Encoding.UTF8.GetString(stdout.ToArray()), Does.Contain("AG001 k8s.aliyun.com/acr-service-arns is on the CloneSet's metadata"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
