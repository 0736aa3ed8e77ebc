using AcrGuard.Audit;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace AcrGuard.Deploy.Tests;

/// <summary>deploy/components/audit added to either overlay: the hourly audit CronJob, its least-privilege role, and the webhook unchanged.</summary>
[TestFixture("cert-manager")]
[TestFixture("static-certs")]
public class AuditComponentTests(string overlay)
{
    private Manifests _plain = null!;
    private Manifests _withAudit = null!;

    [OneTimeSetUp]
    public void Render()
    {
        // One copy for both, so static-certs' certificates are the same in each.
        using var rendered = RenderedOverlay.CopyOf(overlay);
        if (overlay == "static-certs")
        {
            rendered.MakeCertificates();
        }

        _plain = rendered.Render();
        rendered.AddComponent("audit");
        _withAudit = rendered.Render();
    }

    private YamlNode CronJob => _withAudit.Single("CronJob", "acrguard-audit");

    private YamlNode PodSpec => CronJob.At("spec", "jobTemplate", "spec", "template", "spec");

    private YamlNode WebhookPodSpec => _withAudit.Single("Deployment", "acrguard").At("spec", "template", "spec");

    [Test]
    public void The_component_adds_exactly_the_audit_objects_and_leaves_every_webhook_object_as_it_was()
    {
        var added = _withAudit.KindsAndNames.Except(_plain.KindsAndNames);

        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EquivalentTo(new[]
            {
                "ServiceAccount/acrguard-audit", "ClusterRole/acrguard-audit", "ClusterRoleBinding/acrguard-audit", "CronJob/acrguard-audit",
            }));
            foreach (var o in _plain.Objects)
            {
                var name = o["metadata"].Text("name");
                Assert.That(Yaml(_withAudit.Single(o.Text("kind"), name)), Is.EqualTo(Yaml(o)), $"{o.Text("kind")}/{name} is unchanged");
            }
        });
    }

    [Test]
    public void The_cronjob_runs_the_audit_with_policy_reports_hourly_never_overlapping()
    {
        var container = PodSpec.At("containers").Items().Single();

        Assert.Multiple(() =>
        {
            Assert.That(CronJob["metadata"].Text("namespace"), Is.EqualTo("acrguard-system"));
            Assert.That(CronJob.At("spec").Text("schedule"), Does.Match(@"^\d+ \* \* \* \*$"));
            Assert.That(CronJob.At("spec").Text("concurrencyPolicy"), Is.EqualTo("Forbid"));
            Assert.That(container.At("args").Strings(), Is.EqualTo(new[] { "audit", "--config", "/etc/acrguard/config.yaml", "--policy-report" }));
            Assert.That(container.Text("image"), Is.EqualTo(WebhookPodSpec.At("containers").Items().Single().Text("image")));
            Assert.That(PodSpec.Text("serviceAccountName"), Is.EqualTo("acrguard-audit"));
            Assert.That(PodSpec.Text("restartPolicy"), Is.EqualTo("Never"));
            Assert.That(PodSpec.At("volumes").Items().Single(v => v.Text("name") == "config").At("configMap").Text("name"), Is.EqualTo(WebhookPodSpec.At("volumes").Items().Single(v => v.Text("name") == "config").At("configMap").Text("name")));
        });
    }

    [Test]
    public void The_audit_pod_is_as_hardened_as_the_webhook_pod()
    {
        var container = PodSpec.At("containers").Items().Single();
        var webhook = WebhookPodSpec.At("containers").Items().Single();

        Assert.Multiple(() =>
        {
            Assert.That(Yaml(PodSpec.At("securityContext")), Is.EqualTo(Yaml(WebhookPodSpec.At("securityContext"))));
            Assert.That(Yaml(container.At("securityContext")), Is.EqualTo(Yaml(webhook.At("securityContext"))));
            Assert.That(container.At("securityContext").Text("readOnlyRootFilesystem"), Is.EqualTo("true"));
            Assert.That(container.At("resources", "limits").Text("memory"), Is.Not.Empty);
        });
    }

    [Test]
    public void The_role_lists_every_audited_kind_and_writes_only_policy_reports()
    {
        var rules = _withAudit.Single("ClusterRole", "acrguard-audit").At("rules").Items()
            .SelectMany(r => r.At("apiGroups").Strings().SelectMany(g => r.At("resources").Strings().Select(res => (Group: g, Resource: res, Verbs: r.At("verbs").Strings()))))
            .ToList();
        var audited = AuditedKinds.BuiltIn.Select(k => (k.Group, k.Plural)).Append((string.Empty, "namespaces"));

        Assert.Multiple(() =>
        {
            foreach (var (group, plural) in audited)
            {
                Assert.That(rules.Single(r => r.Group == group && r.Resource == plural).Verbs, Is.EqualTo(new[] { "get", "list" }), $"{plural}.{group}");
            }

            Assert.That(rules.Where(r => r.Group == "wgpolicyk8s.io").Select(r => r.Resource), Is.EquivalentTo(new[] { "policyreports", "clusterpolicyreports" }));
            Assert.That(rules.Where(r => r.Group == "wgpolicyk8s.io").Select(r => r.Verbs), Has.All.EqualTo(new[] { "get", "list", "create", "update", "delete" }));
            Assert.That(rules, Has.Count.EqualTo(audited.Count() + 2), "nothing else");
            Assert.That(rules.SelectMany(r => new[] { r.Group, r.Resource }.Concat(r.Verbs)), Has.None.EqualTo("*"));
        });
    }

    [Test]
    public void The_binding_gives_the_role_to_the_audit_service_account_only()
    {
        var binding = _withAudit.Single("ClusterRoleBinding", "acrguard-audit");
        var subject = binding.At("subjects").Items().Single();

        Assert.Multiple(() =>
        {
            Assert.That(binding.At("roleRef").Text("name"), Is.EqualTo("acrguard-audit"));
            Assert.That((subject.Text("kind"), subject.Text("name"), subject.Text("namespace")), Is.EqualTo(("ServiceAccount", "acrguard-audit", "acrguard-system")));
            Assert.That(_withAudit.Single("ServiceAccount", "acrguard-audit")["metadata"].Text("namespace"), Is.EqualTo("acrguard-system"));
        });
    }

    private static string Yaml(YamlNode node) => new SerializerBuilder().Build().Serialize(new YamlStream(new YamlDocument(node)).Documents[0].RootNode);
}
