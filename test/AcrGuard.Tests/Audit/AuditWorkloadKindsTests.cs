using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.FakeKubeApi;

namespace AcrGuard.Tests.Audit;

/// <summary>The configuration's <c>workloads:</c> kinds in a cluster: found through discovery, judged as check judges them, owners of what they make.</summary>
public class AuditWorkloadKindsTests
{
    private static readonly string Config = CliRun.InTestDirectory("workloads", "config.yaml");

    // OpenKruise's Advanced StatefulSet, the third kind of the fixtures' configuration.
    private static readonly ApiResource AdvancedStatefulSets = new("apps.kruise.io", "v1beta1", "statefulsets", "StatefulSet", true);

    [Test]
    public async Task A_misplaced_cloneset_gets_ag001_and_its_pods_are_folded_into_it()
    {
        await using var cluster = await StorefrontAsync();

        var audit = cluster.Audit("--output", "json", "--config", Config);
        var everything = cluster.Audit("--output", "json", "--config", Config, "--include-owned");

        var cloneSet = FakeCluster.Json(audit).GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "CloneSet");
        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(1), audit.Stderr);
            Assert.That(audit.Stderr, Is.Empty);
            Assert.That(FakeCluster.Reported(audit), Is.EqualTo(new[] { "CloneSet shop/storefront-misplaced", "Pod shop/by-hand" }));
            Assert.That(Rules(cloneSet), Does.Contain("AG001"));
            Assert.That(cloneSet.GetProperty("allowed").GetBoolean(), Is.False, "denied: the namespace is enforced");
            Assert.That(FakeCluster.Reported(everything), Is.EqualTo(new[]
            {
                "CloneSet shop/storefront-misplaced", "Pod shop/by-hand", "Pod shop/storefront-misplaced-7xk2p", "Pod shop/storefront-misplaced-q9m4z",
            }));
        });
    }

    [Test]
    public async Task The_cloneset_is_judged_as_check_judges_it_and_named_with_source_cluster()
    {
        await using var cluster = await StorefrontAsync();
        var check = CliRun.Of("check", "--output", "json", "--config", Config, CliRun.InTestDirectory("workloads", "cloneset.yaml"));

        var audit = cluster.Audit("--output", "json", "--config", Config);

        var audited = FakeCluster.Json(audit).GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "CloneSet");
        var checkedObject = FakeCluster.Json(check).GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "storefront-misplaced");
        Assert.Multiple(() =>
        {
            Assert.That(audited.GetProperty("source").GetString(), Is.EqualTo("cluster"));
            Assert.That(audited.GetProperty("apiVersion").GetString(), Is.EqualTo("apps.kruise.io/v1alpha1"));
            Assert.That(audited.GetProperty("namespace").GetString(), Is.EqualTo("shop"));
            Assert.That(audited.GetProperty("name").GetString(), Is.EqualTo("storefront-misplaced"));
            Assert.That(Findings(audited), Is.EqualTo(Findings(checkedObject)).And.Not.Empty);
        });
    }

    [Test]
    public async Task Without_the_configuration_the_cloneset_is_not_listed_at_all()
    {
        await using var cluster = await StorefrontAsync();

        var audit = cluster.Audit("--output", "json");

        Assert.Multiple(() =>
        {
            Assert.That(FakeCluster.Reported(audit), Does.Not.Contain("CloneSet shop/storefront-misplaced"));
            Assert.That(FakeCluster.Reported(audit), Does.Contain("Pod shop/storefront-misplaced-7xk2p"), "no audited owner: the pods are judged on their own");
            Assert.That(cluster.Server.Requests.Select(r => r.Resource), Does.Not.Contain(ApiResource.CloneSets));
        });
    }

    [Test]
    public async Task A_configured_kind_whose_group_is_not_served_is_one_line_and_the_audit_goes_on()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Server.Install(ApiResource.ImageCaches);
        cluster.Add(Workloads.MisplacedDeployment("web", "d-1"), "shop");
        var config = CliRun.TempFile("config.yaml", """
            workloads:
              - apiVersion: apps.kruise.io/v1alpha1
                kind: CloneSet
            """);

        var audit = cluster.Audit("--config", config);

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(1), "the Deployment is still denied");
            Assert.That(audit.Stdout, Does.Contain("cluster: Deployment shop/web: denied"));
            Assert.That(audit.Stderr, Is.EqualTo($"acrguard: workloads: apps.kruise.io/v1alpha1 CloneSet: apps.kruise.io/v1alpha1 is not served by {cluster.Url} (HTTP 404 on discovery: its CRD is not installed); its objects were not audited\n"));
        });
    }

    // Scale is in the discovery document only as the clonesets/scale subresource, which cannot be listed.
    [TestCase("BroadcastJob")]
    [TestCase("Scale")]
    public async Task A_configured_kind_its_group_does_not_serve_is_one_line_and_the_audit_goes_on(string kind)
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Server.Install(ApiResource.ImageCaches);
        cluster.Server.Install(ApiResource.CloneSets);
        cluster.Add(Workloads.CleanPod("quiet"), "shop");
        var config = CliRun.TempFile("config.yaml", $$"""
            workloads:
              - apiVersion: apps.kruise.io/v1alpha1
                kind: {{kind}}
            """);

        var audit = cluster.Audit("--config", config);

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(0), audit.Stdout);
            Assert.That(audit.Stderr, Is.EqualTo($"acrguard: workloads: apps.kruise.io/v1alpha1 {kind}: {cluster.Url} serves apps.kruise.io/v1alpha1 but no kind {kind} in it; its objects were not audited\n"));
        });
    }

    [Test]
    public async Task Forbidden_discovery_is_one_line_and_the_audit_goes_on()
    {
        await using var cluster = await StorefrontAsync();
        cluster.Server.ForbidDiscovery("apps.kruise.io", "v1alpha1");

        var audit = cluster.Audit("--output", "json", "--config", Config);

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(1), "the pods, no longer folded, are judged on their own");
            Assert.That(audit.Stderr, Does.StartWith($"acrguard: workloads: apps.kruise.io/v1alpha1 CloneSet: discovery forbidden (HTTP 403): {cluster.Url} answered HTTP 403 Forbidden discovering apps.kruise.io/v1alpha1: forbidden: "));
            Assert.That(audit.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(FakeCluster.Reported(audit), Does.Not.Contain("CloneSet shop/storefront-misplaced"));
        });
    }

    [Test]
    public async Task A_misplaced_rollout_covers_the_replica_sets_it_makes()
    {
        await using var cluster = await FakeCluster.StartAsync();
        Install(cluster);
        var rollout = Fixture("rollout.yaml", "checkout-misplaced");
        rollout["metadata"]!["uid"] = "ro-1";
        cluster.Server.Add(rollout);
        cluster.Add(Workloads.ReplicaSet("checkout-misplaced-6b7f9", "rs-1", "Rollout", "checkout-misplaced", "ro-1"), "shop");
        cluster.Add(Workloads.Pod("checkout-misplaced-6b7f9-x2v8n", "pod-1", "ReplicaSet", "checkout-misplaced-6b7f9", "rs-1"), "shop");

        var audit = cluster.Audit("--output", "json", "--config", Config);

        Assert.That(FakeCluster.Reported(audit), Is.EqualTo(new[] { "Rollout shop/checkout-misplaced" }));
    }

    // The misplaced CloneSet of the fixtures, two Pods it made, and one Pod made by hand.
    private static async Task<FakeCluster> StorefrontAsync()
    {
        var cluster = await FakeCluster.StartAsync();
        Install(cluster);
        var cloneSet = Fixture("cloneset.yaml", "storefront-misplaced");
        cloneSet["metadata"]!["uid"] = "cs-1";
        cluster.Server.Add(cloneSet);
        foreach (var (name, uid) in new[] { ("storefront-misplaced-7xk2p", "pod-1"), ("storefront-misplaced-q9m4z", "pod-2") })
        {
            cluster.Add($$"""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: {{name}}
                  uid: {{uid}}
                  labels: {app.kubernetes.io/name: storefront, alibabacloud.com/eci: "true"}
                  ownerReferences:
                  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet, name: storefront-misplaced, uid: cs-1, controller: true, blockOwnerDeletion: true}
                spec:
                  containers:
                  - name: storefront
                    image: registry.shop.example.com/shop/storefront:2.4.1
                """, "shop");
        }

        cluster.Add(Workloads.Pod("by-hand", "pod-3"), "shop");
        return cluster;
    }

    private static void Install(FakeCluster cluster)
    {
        foreach (var resource in new[] { ApiResource.ImageCaches, ApiResource.CloneSets, ApiResource.Rollouts, AdvancedStatefulSets })
        {
            cluster.Server.Install(resource);
        }
    }

    private static JsonObject Fixture(string file, string name) =>
        FakeCluster.Documents(File.ReadAllText(CliRun.InTestDirectory("workloads", file)), file)
            .Single(d => d["metadata"]!["name"]!.GetValue<string>() == name);

    // What a finding says, without the line: check counts lines in its file, the audit has none.
    private static List<string> Findings(JsonElement reported) =>
        [.. reported.GetProperty("findings").EnumerateArray().Select(f => $"{f.GetProperty("rule").GetString()} {f.GetProperty("severity").GetString()} {f.GetProperty("path").GetString()}: {f.GetProperty("message").GetString()}")];

    private static List<string> Rules(JsonElement reported) =>
        [.. reported.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()!)];
}
