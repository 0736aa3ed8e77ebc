using AcrGuard.Commands;
using YamlDotNet.RepresentationModel;

namespace AcrGuard.Deploy.Tests;

/// <summary>What both overlays must render the same way: the base's Deployment, Service, PDB and webhooks.</summary>
[TestFixture("cert-manager")]
[TestFixture("static-certs")]
public class OverlayTests(string overlay)
{
    private static readonly string[] ExcludedNamespaces = ["kube-system", "kube-public", "kube-node-lease", "acrguard-system"];

    private static readonly string[] Resources =
        ["pods", "replicationcontrollers", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs"];

    private Manifests _manifests = null!;

    [OneTimeSetUp]
    public void Render()
    {
        using var rendered = RenderedOverlay.CopyOf(overlay);
        if (overlay == "static-certs")
        {
            rendered.MakeCertificates();
        }

        _manifests = rendered.Render();
    }

    private YamlMappingNode Deployment => _manifests.Single("Deployment", "acrguard");

    private YamlNode PodSpec => Deployment.At("spec", "template", "spec");

    private YamlNode Container => PodSpec.At("containers").Items().Single();

    private IReadOnlyList<YamlNode> Webhooks => _manifests.Single("ValidatingWebhookConfiguration", "acrguard").At("webhooks").Items();

    private YamlNode Webhook(string name) => Webhooks.Single(w => w.Text("name") == name);

    [Test]
    public void Namespaced_objects_are_in_acrguard_system()
    {
        var namespaced = _manifests.Objects.Where(o => o.Text("kind") is not ("Namespace" or "ValidatingWebhookConfiguration")).ToList();

        Assert.That(namespaced, Is.Not.Empty);
        Assert.That(namespaced.Select(o => o["metadata"].Text("namespace")), Is.All.EqualTo("acrguard-system"));
        Assert.That(_manifests.Single("Namespace", "acrguard-system").At("metadata", "labels").Text("pod-security.kubernetes.io/enforce"), Is.EqualTo("restricted"));
    }

    [Test]
    public void Service_account_has_no_token_and_there_is_no_rbac()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_manifests.Single("ServiceAccount", "acrguard").Text("automountServiceAccountToken"), Is.EqualTo("false"));
            Assert.That(PodSpec.Text("serviceAccountName"), Is.EqualTo("acrguard"));
            Assert.That(PodSpec.Text("automountServiceAccountToken"), Is.EqualTo("false"));
            Assert.That(_manifests.Objects.Select(o => o.Text("kind")), Has.None.Matches<string>(k => k.EndsWith("Role", StringComparison.Ordinal) || k.EndsWith("RoleBinding", StringComparison.Ordinal)));
        });
    }

    [Test]
    public void Deployment_runs_two_replicas_spread_across_nodes()
    {
        var spread = PodSpec.At("topologySpreadConstraints").Items().Single();

        Assert.Multiple(() =>
        {
            Assert.That(Deployment.At("spec").Text("replicas"), Is.EqualTo("2"));
            Assert.That(spread.Text("topologyKey"), Is.EqualTo("kubernetes.io/hostname"));
            Assert.That(spread.Text("maxSkew"), Is.EqualTo("1"));
            Assert.That(spread.At("labelSelector", "matchLabels").Text("app.kubernetes.io/name"), Is.EqualTo("acrguard"));
            Assert.That(
                PodSpec.At("affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution").Items().Single().At("podAffinityTerm").Text("topologyKey"),
                Is.EqualTo("kubernetes.io/hostname"));
            Assert.That(PodSpec.Text("terminationGracePeriodSeconds"), Is.EqualTo("30"));
        });
    }

    [Test]
    public void Container_runs_as_non_root_read_only_with_no_capabilities()
    {
        var security = Container.At("securityContext");

        Assert.Multiple(() =>
        {
            Assert.That(PodSpec.At("securityContext").Text("runAsNonRoot"), Is.EqualTo("true"));
            Assert.That(PodSpec.At("securityContext").Text("runAsUser"), Is.EqualTo("65532"));
            Assert.That(PodSpec.At("securityContext", "seccompProfile").Text("type"), Is.EqualTo("RuntimeDefault"));
            Assert.That(security.Text("runAsNonRoot"), Is.EqualTo("true"));
            Assert.That(security.Text("runAsUser"), Is.EqualTo("65532"));
            Assert.That(security.Text("readOnlyRootFilesystem"), Is.EqualTo("true"));
            Assert.That(security.Text("allowPrivilegeEscalation"), Is.EqualTo("false"));
            Assert.That(security.At("capabilities", "drop").Strings(), Is.EqualTo(new[] { "ALL" }));
            Assert.That(security.At("seccompProfile").Text("type"), Is.EqualTo("RuntimeDefault"));
        });
    }

    [Test]
    public void Container_has_requests_and_limits()
    {
        var resources = Container.At("resources");

        Assert.Multiple(() =>
        {
            Assert.That(resources.At("requests").Text("cpu"), Is.EqualTo("50m"));
            Assert.That(resources.At("requests").Text("memory"), Is.EqualTo("64Mi"));
            Assert.That(resources.At("limits").Text("cpu"), Is.EqualTo("500m"));
            Assert.That(resources.At("limits").Text("memory"), Is.EqualTo("256Mi"));
        });
    }

    [Test]
    public void Container_serves_with_the_mounted_config_and_certificate()
    {
        var mounts = Container.At("volumeMounts").Items().ToDictionary(m => m.Text("name"), m => m.Text("mountPath"));
        var volumes = PodSpec.At("volumes").Items().ToDictionary(v => v.Text("name"));

        Assert.Multiple(() =>
        {
            Assert.That(Container.Text("image"), Is.EqualTo("ghcr.io/acrguard/acrguard:0.1.0"));
            Assert.That(
                Container.At("args").Strings(),
                Is.EqualTo(new[] { "serve", "--config", "/etc/acrguard/config.yaml", "--port", "8443", "--metrics-port", "9090", "--tls-cert", "/etc/acrguard/tls/tls.crt", "--tls-key", "/etc/acrguard/tls/tls.key", "--shutdown-delay", "5" }));
            Assert.That(mounts, Is.EquivalentTo(new Dictionary<string, string> { ["config"] = "/etc/acrguard", ["tls"] = "/etc/acrguard/tls", ["tmp"] = "/tmp" }));
            Assert.That(volumes["config"].At("configMap").Text("name"), Is.EqualTo("acrguard-config"));
            Assert.That(volumes["tls"].At("secret").Text("secretName"), Is.EqualTo("acrguard-tls"));
            Assert.That(volumes["tmp"].Has("emptyDir"), Is.True);
        });
    }

    [Test]
    public void Probes_and_scrape_annotations_use_the_metrics_port()
    {
        var ports = Container.At("ports").Items().ToDictionary(p => p.Text("name"), p => p.Text("containerPort"));
        var annotations = Deployment.At("spec", "template", "metadata", "annotations");

        Assert.Multiple(() =>
        {
            Assert.That(ports, Is.EquivalentTo(new Dictionary<string, string> { ["webhook"] = "8443", ["metrics"] = "9090" }));
            Assert.That(Container.At("readinessProbe", "httpGet").Text("path"), Is.EqualTo("/readyz"));
            Assert.That(Container.At("readinessProbe", "httpGet").Text("port"), Is.EqualTo("metrics"));
            Assert.That(Container.At("livenessProbe", "httpGet").Text("path"), Is.EqualTo("/healthz"));
            Assert.That(Container.At("livenessProbe", "httpGet").Text("port"), Is.EqualTo("metrics"));
            Assert.That(annotations.Text("prometheus.io/scrape"), Is.EqualTo("true"));
            Assert.That(annotations.Text("prometheus.io/port"), Is.EqualTo("9090"));
            Assert.That(annotations.Text("prometheus.io/path"), Is.EqualTo("/metrics"));
        });
    }

    [Test]
    public void Pod_disruption_budget_keeps_one_pod_of_the_deployment()
    {
        var pdb = _manifests.Single("PodDisruptionBudget", "acrguard");

        Assert.Multiple(() =>
        {
            Assert.That(pdb.At("spec").Text("minAvailable"), Is.EqualTo("1"));
            Assert.That(Selects(pdb.At("spec", "selector", "matchLabels")), Is.True);
        });
    }

    [Test]
    public void Service_maps_443_to_the_webhook_port_and_exposes_metrics()
    {
        var service = _manifests.Single("Service", "acrguard");
        var ports = service.At("spec", "ports").Items().ToDictionary(p => p.Text("name"));

        Assert.Multiple(() =>
        {
            Assert.That(ports["webhook"].Text("port"), Is.EqualTo("443"));
            Assert.That(ports["webhook"].Text("targetPort"), Is.EqualTo("webhook"));
            Assert.That(ports["metrics"].Text("port"), Is.EqualTo("9090"));
            Assert.That(ports["metrics"].Text("targetPort"), Is.EqualTo("metrics"));
            Assert.That(Selects(service.At("spec", "selector")), Is.True);
        });
    }

    [TestCase("enforce.acrguard.io", "/validate/enforce", "Fail", "NotIn")]
    [TestCase("owned.acrguard.io", "/validate/enforce", "Ignore", "NotIn")]
    [TestCase("audit.acrguard.io", "/validate/audit", "Ignore", "In")]
    public void Webhook_calls_its_path_on_the_service_with_its_failure_policy_and_mode_selector(string name, string path, string failurePolicy, string modeOperator)
    {
        var webhook = Webhook(name);
        var selector = webhook.At("namespaceSelector", "matchExpressions").Items().ToDictionary(e => e.Text("key"));

        Assert.Multiple(() =>
        {
            AssertCallsService(webhook, path, failurePolicy);
            Assert.That(selector.Keys, Is.EquivalentTo(new[] { "acrguard.io/mode", "kubernetes.io/metadata.name" }));
            Assert.That(selector["acrguard.io/mode"].Text("operator"), Is.EqualTo(modeOperator));
            Assert.That(selector["acrguard.io/mode"].At("values").Strings(), Is.EqualTo(new[] { "audit" }));
            Assert.That(selector["kubernetes.io/metadata.name"].Text("operator"), Is.EqualTo("NotIn"));
            Assert.That(selector["kubernetes.io/metadata.name"].At("values").Strings(), Is.EquivalentTo(ExcludedNamespaces));
        });
    }

    [TestCase("enforce.acrguard.io")]
    [TestCase("owned.acrguard.io")]
    [TestCase("audit.acrguard.io")]
    public void Namespaced_webhook_reviews_creates_and_updates_of_every_workload_kind(string name)
    {
        var rules = Webhook(name).At("rules").Items();

        Assert.Multiple(() =>
        {
            Assert.That(rules.SelectMany(r => r.At("resources").Strings()), Is.EquivalentTo(Resources));
            Assert.That(rules.Select(r => r.At("operations").Strings()), Is.All.EquivalentTo(new[] { "CREATE", "UPDATE" }));
            Assert.That(rules.Select(r => r.Text("scope")), Is.All.EqualTo("Namespaced"));
            Assert.That(rules.SelectMany(r => r.At("apiGroups").Strings()).Distinct(), Is.EquivalentTo(new[] { "", "apps", "batch" }));
            Assert.That(ApiGroupOf(rules, "cronjobs"), Is.EqualTo("batch"));
            Assert.That(ApiGroupOf(rules, "replicationcontrollers"), Is.EqualTo(string.Empty));
        });
    }

    [Test]
    public void Image_caches_are_reviewed_in_the_configured_mode_by_their_own_fail_webhook()
    {
        var webhook = Webhook("imagecaches.acrguard.io");
        var rule = webhook.At("rules").Items().Single();

        Assert.Multiple(() =>
        {
            AssertCallsService(webhook, "/validate", "Fail");
            Assert.That(webhook.Has("namespaceSelector"), Is.False, "cluster-scoped: no namespace label applies");
            Assert.That(rule.At("apiGroups").Strings(), Is.EqualTo(new[] { "eci.alibabacloud.com" }));
            Assert.That(rule.At("resources").Strings(), Is.EqualTo(new[] { "imagecaches" }));
            Assert.That(rule.At("operations").Strings(), Is.EquivalentTo(new[] { "CREATE", "UPDATE" }));
            Assert.That(rule.Text("scope"), Is.EqualTo("Cluster"));
        });
    }

    [Test]
    public void The_mode_label_guard_reviews_namespace_creates_and_updates_narrowed_by_match_conditions()
    {
        var webhook = Webhook("mode-label.acrguard.io");
        var rule = webhook.At("rules").Items().Single();

        Assert.Multiple(() =>
        {
            AssertCallsService(webhook, "/validate/namespace", "Fail");
            Assert.That(rule.At("apiGroups").Strings(), Is.EqualTo(new[] { "" }));
            Assert.That(rule.At("resources").Strings(), Is.EqualTo(new[] { "namespaces" }));
            Assert.That(rule.At("operations").Strings(), Is.EquivalentTo(new[] { "CREATE", "UPDATE" }));
            Assert.That(rule.Text("scope"), Is.EqualTo("Cluster"));
            Assert.That(webhook.At("matchConditions").Items().Select(c => c.Text("name")), Is.EqualTo(new[] { "sets-mode-audit", "was-not-audit" }));
        });
    }

    [Test]
    public void Every_fail_webhook_keeps_controller_owned_objects_out_unless_it_guards_namespaces()
    {
        var fail = Webhooks.Where(w => w.Text("failurePolicy") == "Fail").ToList();

        Assert.That(fail.Select(w => w.Text("name")), Is.EquivalentTo(new[] { "enforce.acrguard.io", "imagecaches.acrguard.io", "mode-label.acrguard.io" }));
        foreach (var webhook in fail.Where(w => w.Text("name") != "mode-label.acrguard.io"))
        {
            // The expression itself is evaluated against owned and unowned objects in MatchConditionTests.
            Assert.That(webhook.At("matchConditions").Items().Select(c => c.Text("name")), Does.Contain("not-controller-owned"), webhook.Text("name"));
        }
    }

    [Test]
    public void Fail_webhooks_time_out_within_3_seconds_and_every_webhook_within_the_default_10()
    {
        Assert.Multiple(() =>
        {
            foreach (var webhook in Webhooks)
            {
                var limit = webhook.Text("failurePolicy") == "Fail" ? 3 : 10;
                Assert.That(int.Parse(webhook.Text("timeoutSeconds"), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, limit), webhook.Text("name"));
            }
        });
    }

    [Test]
    public void Every_webhook_is_side_effect_free_on_admission_v1()
    {
        Assert.That(Webhooks.Select(w => w.Text("name")), Is.EquivalentTo(new[] { "enforce.acrguard.io", "owned.acrguard.io", "audit.acrguard.io", "imagecaches.acrguard.io", "mode-label.acrguard.io" }));
        Assert.Multiple(() =>
        {
            foreach (var webhook in Webhooks)
            {
                Assert.That(webhook.Text("sideEffects"), Is.EqualTo("None"), webhook.Text("name"));
                Assert.That(webhook.Text("matchPolicy"), Is.EqualTo("Equivalent"), webhook.Text("name"));
                Assert.That(webhook.At("admissionReviewVersions").Strings(), Is.EqualTo(new[] { "v1" }), webhook.Text("name"));
            }
        });
    }

    [Test]
    public void Config_map_holds_an_enforcing_configuration_that_acrguard_accepts()
    {
        var config = _manifests.Single("ConfigMap", "acrguard-config").At("data").Text("config.yaml");
        var directory = Directory.CreateTempSubdirectory("acrguard-config-").FullName;
        var path = Path.Combine(directory, "config.yaml");
        File.WriteAllText(path, config);
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();

        var exit = AcrGuardCli.Run(["check", "--config", path, Path.Combine(RepositoryRoot.Path, "docs", "examples", "good")], TextReader.Null, stdout, stderr);

        Directory.Delete(directory, recursive: true);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, stderr.ToString());
            Assert.That(config, Does.Contain("\nmode: enforce\n").Or.StartWith("mode: enforce\n"));
        });
    }

    private static void AssertCallsService(YamlNode webhook, string path, string failurePolicy)
    {
        Assert.That(webhook.At("clientConfig", "service").Text("name"), Is.EqualTo("acrguard"));
        Assert.That(webhook.At("clientConfig", "service").Text("namespace"), Is.EqualTo("acrguard-system"));
        Assert.That(webhook.At("clientConfig", "service").Text("path"), Is.EqualTo(path));
        Assert.That(webhook.At("clientConfig", "service").Text("port"), Is.EqualTo("443"));
        Assert.That(webhook.Text("failurePolicy"), Is.EqualTo(failurePolicy));
    }

    private static string? ApiGroupOf(IEnumerable<YamlNode> rules, string resource) =>
        rules.Where(r => r.At("resources").Strings().Contains(resource)).Select(r => r.At("apiGroups").Strings().Single()).SingleOrDefault();

    /// <summary>Whether a selector (matchLabels form) selects the Deployment's pods.</summary>
    private bool Selects(YamlNode matchLabels)
    {
        var podLabels = Deployment.At("spec", "template", "metadata", "labels");
        return ((YamlMappingNode)matchLabels).Children.All(label => podLabels.Has((string)label.Key!) && podLabels.Text((string)label.Key!) == (string)label.Value!);
    }
}
