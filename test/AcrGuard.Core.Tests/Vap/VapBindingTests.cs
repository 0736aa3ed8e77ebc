using System.Text.Json.Nodes;
using AcrGuard.Configuration;
using AcrGuard.Vap;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>
/// Which requests the policies judge, and with which actions, against where deploy/'s webhooks
/// send them: the excluded namespaces, the audit label, the configured and overriding modes,
/// controller-owned objects, kinds out of scope.
/// </summary>
public class VapBindingTests
{
    private static readonly string Misplaced = Deployment(own: Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn)));

    private static readonly string CrossAccountCache = ImageCache(Ann(("k8s.aliyun.com/acr-user-arns", UserArn), ("k8s.aliyun.com/acr-instance-ids", InstanceId)));

    private static string Owned(string yaml, string kind) => yaml.Replace(
        "  namespace: shop\n",
        $"  namespace: shop\n  ownerReferences:\n  - {{apiVersion: apps/v1, kind: {kind}, name: web-6d4cf56db6, uid: 2f1c8a1e, controller: true}}\n",
        StringComparison.Ordinal);

    [TestCase("kube-system")]
    [TestCase("kube-public")]
    [TestCase("kube-node-lease")]
    [TestCase("acrguard-system")]
    public void The_namespaces_deploy_excludes_are_not_judged(string ns) =>
        Assert.That(VapParity.Allows(Misplaced, admission: new Admission(Namespace: ns)).Vap, Is.Empty);

    [Test]
    public void A_namespace_labelled_audit_gets_warnings_and_audit_annotations_not_a_denial()
    {
        var result = VapParity.Allows(Misplaced, admission: Admission.Audited);

        Assert.Multiple(() =>
        {
            Assert.That(result.Vap.Single().Binding, Is.EqualTo(VapNames.Audit));
            Assert.That(result.Vap.Single().Actions, Is.EqualTo(new[] { "Warn", "Audit" }));
        });
    }

    [Test]
    public void In_an_enforced_namespace_the_acrguard_binding_denies() =>
        Assert.That(VapParity.Denies("AG001", Misplaced).Vap.Single().Binding, Is.EqualTo(VapNames.Errors));

    [Test]
    public void Mode_audit_on_the_command_line_denies_nothing_anywhere()
    {
        var audit = new Admission(VapMode: EnforcementMode.Audit);

        Assert.Multiple(() =>
        {
            Assert.That(VapParity.Allows(Misplaced, admission: audit).Vap.Single().Actions, Is.EqualTo(new[] { "Warn", "Audit" }));
            Assert.That(VapParity.Allows(CrossAccountCache, admission: audit).Vap.Single().Actions, Is.EqualTo(new[] { "Warn", "Audit" }));
        });
    }

    [Test]
    public void Image_caches_follow_the_configured_mode_and_the_command_line_overrides_it()
    {
        var audit = ConfigReader.Parse("mode: audit");

        Assert.Multiple(() =>
        {
            VapParity.Denies("AG002", CrossAccountCache);
            VapParity.Allows(CrossAccountCache, audit);
            VapParity.Denies("AG002", CrossAccountCache, audit, admission: new Admission(VapMode: EnforcementMode.Enforce));
        });
    }

    [Test]
    public void The_configured_mode_leaves_namespaced_objects_to_their_namespace_label() =>
        VapParity.Denies("AG001", Misplaced, ConfigReader.Parse("mode: audit"));

    [Test]
    public void An_image_cache_matches_exactly_one_binding_of_the_error_policy()
    {
        var result = VapParity.Check(CrossAccountCache);

        Assert.That(result.Vap.Select(f => f.Binding), Is.EqualTo(new[] { VapNames.Errors }));
    }

    [TestCase("ReplicaSet", "Deployment")]
    [TestCase("Job", "CronJob")]
    public void A_controller_owned_replica_set_or_job_is_not_judged(string kind, string owner)
    {
        var yaml = Owned(Deployment(own: Ann(("k8s.aliyun.com/acr-user-arns", UserArn)), kind: kind, apiVersion: kind == "Job" ? "batch/v1" : "apps/v1"), owner);

        Assert.That(VapParity.Allows(yaml).Vap, Is.Empty);
    }

    [Test]
    public void A_pod_made_by_a_replica_set_is_not_judged() =>
        Assert.That(VapParity.Allows(Owned(Pod(Ann(("k8s.aliyun.com/acr-user-arns", UserArn))), "ReplicaSet")).Vap, Is.Empty);

    [Test]
    public void A_controller_owned_deployment_is_judged_like_any_other() =>
        VapParity.Denies("AG001", Owned(Misplaced, "Deployment"));

    [Test]
    public void A_controller_owned_image_cache_is_not_judged_as_deploy_does_not_send_it()
    {
        var owned = CrossAccountCache.Replace("  name: imagecache-sample\n", "  name: imagecache-sample\n  ownerReferences:\n  - {apiVersion: apps/v1, kind: Deployment, name: web, uid: u, controller: true}\n", StringComparison.Ordinal);

        Assert.That(VapParity.Allows(owned).Vap, Is.Empty);
    }

    [Test]
    public void An_owner_reference_that_is_not_a_controller_does_not_exempt() =>
        VapParity.Denies("AG002", Pod(Ann(("k8s.aliyun.com/acr-user-arns", UserArn))).Replace(
            "  namespace: shop\n", "  namespace: shop\n  ownerReferences:\n  - {apiVersion: v1, kind: ConfigMap, name: settings, uid: 0c6b}\n", StringComparison.Ordinal));

    [Test]
    public void A_kind_out_of_scope_is_not_judged()
    {
        const string configMap = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: shop
              annotations:
                k8s.aliyun.com/acr-service-arns: "nonsense"
            data:
              a: b
            """;

        Assert.That(VapParity.Allows(configMap).Vap, Is.Empty);
    }

    [Test]
    public void A_delete_is_not_judged()
    {
        var obj = VapParity.Documents(Misplaced).Single();

        Assert.That(VapAdmission.Review(VapGenerator.Generate(AcrGuardConfig.Default), new VapRequest("DELETE", obj, obj, Labels("shop"))), Is.Empty);
    }

    [Test]
    public void A_configured_kind_is_judged_only_with_its_template()
    {
        var config = ConfigReader.Parse("workloads:\n  - {apiVersion: argoproj.io/v1alpha1, kind: Rollout}\n");
        var rollout = VapParity.Documents(Misplaced.Replace("apps/v1", "argoproj.io/v1alpha1", StringComparison.Ordinal).Replace("kind: Deployment", "kind: Rollout", StringComparison.Ordinal)).Single();
        var withRef = rollout.DeepClone().AsObject();
        withRef["spec"]!.AsObject().Remove("template");
        withRef["spec"]!["workloadRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web" };

        Assert.Multiple(() =>
        {
            Assert.That(VapParity.Check(rollout, null, config).VapDenies, Is.True);
            Assert.That(VapParity.Check(withRef, null, config).Vap, Is.Empty);
            Assert.That(VapParity.Check(rollout, null).Vap, Is.Empty, "without the workloads list the kind is not matched");
        });
    }

    [Test]
    public void A_kind_of_a_configured_group_that_is_not_configured_is_not_judged()
    {
        var config = ConfigReader.Parse("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet}\n");
        var sidecarSet = VapParity.Documents(Misplaced.Replace("apps/v1", "apps.kruise.io/v1alpha1", StringComparison.Ordinal).Replace("kind: Deployment", "kind: SidecarSet", StringComparison.Ordinal)).Single();

        Assert.That(VapParity.Check(sidecarSet, null, config).Vap, Is.Empty);
    }

    private static Dictionary<string, string> Labels(string ns) => new() { ["kubernetes.io/metadata.name"] = ns };
}
