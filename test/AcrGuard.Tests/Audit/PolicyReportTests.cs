using System.Text.Json.Nodes;
using AcrGuard.FakeKubeApi;

namespace AcrGuard.Tests.Audit;

/// <summary>--policy-report: a PolicyReport per namespace with findings and a ClusterPolicyReport, replaced each run, deleted once fixed.</summary>
public class PolicyReportTests
{
    private const string BadImageCache = """
        apiVersion: eci.alibabacloud.com/v1
        kind: ImageCache
        metadata: {name: warm, uid: ic-1}
        spec:
          images: ["test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0"]
          imagePullSecrets: ["regcred"]
        """;

    [Test]
    public async Task Reports_are_written_replaced_and_deleted_once_the_findings_are_fixed()
    {
        await using var cluster = await WithReportCrds();
        cluster.Server.Install(ApiResource.ImageCaches);
        cluster.AddNamespace("sandbox", "audit");
        cluster.Add(Workloads.MisplacedDeployment("web", "dep-1"), "shop");
        cluster.Add(Workloads.Pod("hand-made", "pod-1"), "sandbox");
        cluster.Add(Workloads.CleanPod("quiet"), "clean");
        cluster.Add(BadImageCache);

        var first = cluster.Audit("--policy-report");

        var shop = cluster.Server.Get(ApiResource.PolicyReports, "shop", "acrguard")!;
        var result = shop["results"]!.AsArray().Single()!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(1), first.Stderr);
            Assert.That(shop["apiVersion"]!.GetValue<string>(), Is.EqualTo("wgpolicyk8s.io/v1alpha2"));
            Assert.That(shop["kind"]!.GetValue<string>(), Is.EqualTo("PolicyReport"));
            Assert.That(result["source"]!.GetValue<string>(), Is.EqualTo("acrguard"));
            Assert.That(result["policy"]!.GetValue<string>(), Is.EqualTo("AG001"));
            Assert.That(result["rule"]!.GetValue<string>(), Is.EqualTo("AG001"));
            Assert.That(result["result"]!.GetValue<string>(), Is.EqualTo("fail"));
            Assert.That(result["severity"]!.GetValue<string>(), Is.EqualTo("high"));
            Assert.That(result["message"]!.GetValue<string>(), Does.StartWith("AG001"));
            Assert.That(result["timestamp"]!["seconds"]!.GetValue<long>(), Is.GreaterThan(1_700_000_000));
            Assert.That(JsonNode.DeepEquals(result["resources"], JsonNode.Parse("""[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","namespace":"shop","uid":"dep-1"}]""")), Is.True, result["resources"]!.ToJsonString());
            Assert.That(JsonNode.DeepEquals(shop["summary"], JsonNode.Parse("""{"pass":0,"fail":1,"warn":0,"error":0,"skip":0}""")), Is.True, shop["summary"]!.ToJsonString());
            Assert.That(cluster.Server.Get(ApiResource.PolicyReports, "sandbox", "acrguard")!["results"]![0]!["result"]!.GetValue<string>(), Is.EqualTo("warn"), "audited namespaces' findings are warnings");
            Assert.That(cluster.Server.Get(ApiResource.PolicyReports, "clean", "acrguard"), Is.Null);
            Assert.That(cluster.Server.Get(ApiResource.ClusterPolicyReports, null, "acrguard")!["results"]![0]!["resources"]![0]!["kind"]!.GetValue<string>(), Is.EqualTo("ImageCache"));
        });

        // A second bad Deployment: the report is replaced, not appended to.
        cluster.Add(Workloads.MisplacedDeployment("api", "dep-2"), "shop");
        var version = shop["metadata"]!["resourceVersion"]!.GetValue<string>();
        cluster.Audit("--policy-report");
        var replaced = cluster.Server.Get(ApiResource.PolicyReports, "shop", "acrguard")!;
        Assert.Multiple(() =>
        {
            Assert.That(replaced["results"]!.AsArray().Select(r => r!["resources"]![0]!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "api", "web" }));
            Assert.That(replaced["metadata"]!["resourceVersion"]!.GetValue<string>(), Is.Not.EqualTo(version));
            Assert.That(replaced["metadata"]!["uid"]!.GetValue<string>(), Is.EqualTo(shop["metadata"]!["uid"]!.GetValue<string>()), "replaced in place");
        });

        // Everything fixed: the reports go.
        cluster.Add(Workloads.FixedDeployment("web", "dep-1"), "shop");
        cluster.Add(Workloads.FixedDeployment("api", "dep-2"), "shop");
        cluster.Server.Delete(ApiResource.Pods, "sandbox", "hand-made");
        cluster.Server.Delete(ApiResource.ImageCaches, null, "warm");
        var fixedRun = cluster.Audit("--policy-report");
        Assert.Multiple(() =>
        {
            Assert.That(fixedRun.ExitCode, Is.EqualTo(0), fixedRun.Stderr);
            Assert.That(cluster.Server.Count(ApiResource.PolicyReports), Is.Zero);
            Assert.That(cluster.Server.Count(ApiResource.ClusterPolicyReports), Is.Zero);
            Assert.That(fixedRun.Stderr, Does.Contain("PolicyReport shop/acrguard: deleted, no findings left"));
        });
    }

    [Test]
    public async Task Reports_of_other_tools_and_of_namespaces_out_of_scope_are_left_alone()
    {
        await using var cluster = await WithReportCrds();
        cluster.Add(Workloads.CleanPod("quiet"), "shop");
        cluster.Add(Workloads.CleanPod("quiet"), "other");
        cluster.Server.Add(Report("shop", "kyverno-policies", "kyverno"));
        cluster.Server.Add(Report("other", "acrguard", "acrguard"));
        cluster.Server.Add(Report("shop", "acrguard", "acrguard"));

        var audit = cluster.Audit("--policy-report", "--namespace", "shop");

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(0), audit.Stderr);
            Assert.That(cluster.Server.Get(ApiResource.PolicyReports, "shop", "acrguard"), Is.Null);
            Assert.That(cluster.Server.Get(ApiResource.PolicyReports, "shop", "kyverno-policies"), Is.Not.Null);
            Assert.That(cluster.Server.Get(ApiResource.PolicyReports, "other", "acrguard"), Is.Not.Null);
        });
    }

    [Test]
    public async Task Without_the_policy_report_crds_the_audit_exits_2_before_it_starts()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Add(Workloads.MisplacedDeployment("web", "dep-1"), "shop");

        var audit = cluster.Audit("--policy-report");

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(2));
            Assert.That(audit.Stderr, Is.EqualTo($"acrguard: --policy-report: {cluster.Url} does not serve policyreports.wgpolicyk8s.io/v1alpha2 (HTTP 404): the PolicyReport CRDs are not installed (docs/install.md says how)\n"));
            Assert.That(audit.Stdout, Is.Empty);
            Assert.That(cluster.Server.Requests.Any(r => r.Resource == ApiResource.Deployments), Is.False);
        });
    }

    private static async Task<FakeCluster> WithReportCrds()
    {
        var cluster = await FakeCluster.StartAsync();
        cluster.Server.Install(ApiResource.PolicyReports);
        cluster.Server.Install(ApiResource.ClusterPolicyReports);
        return cluster;
    }

    private static JsonObject Report(string ns, string name, string managedBy) => new()
    {
        ["apiVersion"] = "wgpolicyk8s.io/v1alpha2",
        ["kind"] = "PolicyReport",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = managedBy },
        },
        ["results"] = new JsonArray(),
    };
}
