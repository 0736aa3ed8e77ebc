using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.FakeKubeApi;

namespace AcrGuard.Tests.Audit;

/// <summary>The shipped good and bad examples, running in a cluster: the audit says what check says, in each namespace's mode.</summary>
public class AuditExamplesTests
{
    private static readonly string Config = CliRun.InTestDirectory("examples-config.yaml");

    [Test]
    public async Task Examples_in_enforced_and_audited_namespaces_get_the_findings_check_gives_in_that_mode()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Server.Install(ApiResource.ImageCaches);
        var files = Directory.EnumerateFiles(CliRun.InTestDirectory("examples"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var expected = new List<string>();
        foreach (var mode in new[] { "enforce", "audit" })
        {
            var check = FakeCluster.Json(CliRun.Of(["check", "--output", "json", "--config", Config, "--mode", mode, .. files]));
            foreach (var file in files)
            {
                var ns = Namespace(mode, file);
                cluster.AddNamespace(ns, mode == "audit" ? "audit" : null);
                foreach (var document in FakeCluster.Documents(File.ReadAllText(file), file))
                {
                    var kind = document["kind"]!.GetValue<string>();
                    if (kind == "ConfigMap")
                    {
                        continue;
                    }

                    var name = document["metadata"]!["name"]!.GetValue<string>();
                    var checkedObject = check.GetProperty("objects").EnumerateArray()
                        .Single(o => o.GetProperty("source").GetString()!.StartsWith(file + "#", StringComparison.Ordinal) && o.GetProperty("kind").GetString() == kind && o.GetProperty("name").GetString() == name);
                    if (kind == "ImageCache")
                    {
                        // Cluster-scoped: one of each, judged in the configuration's mode (enforce).
                        if (mode == "audit")
                        {
                            continue;
                        }

                        document["metadata"]!["name"] = $"{Path.GetFileNameWithoutExtension(file)}-{name}";
                        expected.Add(Line(kind, string.Empty, $"{Path.GetFileNameWithoutExtension(file)}-{name}", checkedObject));
                    }
                    else
                    {
                        document["metadata"]!["namespace"] = ns;
                        expected.Add(Line(kind, ns, name, checkedObject));
                    }

                    cluster.Server.Add(document);
                }
            }
        }

        var audit = cluster.Audit("--output", "json", "--config", Config);

        var actual = FakeCluster.Json(audit).GetProperty("objects").EnumerateArray()
            .Select(o => Line(o.GetProperty("kind").GetString()!, o.GetProperty("namespace").GetString()!, o.GetProperty("name").GetString()!, o))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(1), audit.Stderr);
            Assert.That(actual, Is.EquivalentTo(expected));
            Assert.That(actual.Count(l => l.Contains("denied", StringComparison.Ordinal)), Is.GreaterThan(0), "the bad examples are denied where enforced");
            Assert.That(actual.Where(l => l.Contains(" audit-", StringComparison.Ordinal)).Any(l => l.Contains("denied", StringComparison.Ordinal)), Is.False, "nothing is denied where audited");
        });
    }

    [Test]
    public async Task Every_object_is_in_the_json_with_source_cluster()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Add(Workloads.CleanPod("quiet"), "shop");
        cluster.Add(Workloads.MisplacedDeployment("web", "d-1"), "shop");

        var audit = cluster.Audit("--output", "json");

        var json = FakeCluster.Json(audit);
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("source").GetString()), Is.EqualTo(new[] { "cluster", "cluster" }));
            Assert.That(FakeCluster.Reported(audit), Is.EqualTo(new[] { "Deployment shop/web", "Pod shop/quiet" }), "owners are listed before what they own");
            Assert.That(json.GetProperty("summary").GetProperty("denied").GetInt32(), Is.EqualTo(1));
            Assert.That(audit.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_mode_label_turns_a_denial_into_a_warning_and_mode_overrides_it_everywhere()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.AddNamespace("sandbox", "audit");
        cluster.Add(Workloads.MisplacedDeployment("web", "d-1"), "sandbox");

        var byLabel = cluster.Audit();
        var enforced = cluster.Audit("--mode", "enforce");

        Assert.Multiple(() =>
        {
            Assert.That(byLabel.ExitCode, Is.EqualTo(0), byLabel.Stdout);
            Assert.That(byLabel.Stdout, Does.Contain("cluster: Deployment sandbox/web: allowed with warnings"));
            Assert.That(cluster.Audit("--fail-on-warn").ExitCode, Is.EqualTo(1));
            Assert.That(enforced.ExitCode, Is.EqualTo(1));
            Assert.That(enforced.Stdout, Does.Contain("cluster: Deployment sandbox/web: denied"));
        });
    }

    [Test]
    public async Task The_namespaces_deploy_excludes_are_not_judged()
    {
        await using var cluster = await FakeCluster.StartAsync();
        foreach (var ns in new[] { "kube-system", "kube-public", "kube-node-lease", "acrguard-system" })
        {
            cluster.Add(Workloads.MisplacedDeployment("web", $"d-{ns}"), ns);
        }

        var audit = cluster.Audit("--output", "json");

        Assert.Multiple(() =>
        {
            Assert.That(FakeCluster.Reported(audit), Is.Empty);
            Assert.That(audit.ExitCode, Is.EqualTo(0));
        });
    }

    [Test]
    public async Task Namespace_and_selector_narrow_what_is_listed()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Add(Workloads.Pod("a", "p-a", labels: "{app: web}"), "one");
        cluster.Add(Workloads.Pod("b", "p-b", labels: "{app: db}"), "one");
        cluster.Add(Workloads.Pod("c", "p-c", labels: "{app: web}"), "two");
        cluster.Add(Workloads.Pod("d", "p-d", labels: "{app: web}"), "three");

        var audit = cluster.Audit("--output", "json", "--namespace", "one", "--namespace", "two", "--selector", "app=web");

        Assert.Multiple(() =>
        {
            Assert.That(FakeCluster.Reported(audit), Is.EqualTo(new[] { "Pod one/a", "Pod two/c" }));
            Assert.That(cluster.Server.Requests.Where(r => r.IsList && r.Resource == ApiResource.Pods).Select(r => r.PathAndQuery),
                Is.EqualTo(new[] { "/api/v1/namespaces/one/pods?limit=500&labelSelector=app%3Dweb", "/api/v1/namespaces/two/pods?limit=500&labelSelector=app%3Dweb" }));
            Assert.That(cluster.Server.Requests.Any(r => r.Resource == ApiResource.ImageCaches), Is.False, "cluster-scoped kinds are left out with --namespace");
        });
    }

    [Test]
    public async Task Every_field_of_every_kind_as_the_api_lists_it_is_read_without_an_input_error()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var files = Directory.EnumerateFiles(CliRun.InTestDirectory("corpus"), "*.json").Where(f => !f.Contains("AdmissionReview", StringComparison.Ordinal) && !f.Contains("PodTemplate", StringComparison.Ordinal)).ToList();
        foreach (var file in files)
        {
            var obj = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            obj["metadata"]!["namespace"] = "corpus";
            obj["metadata"]!.AsObject().Remove("ownerReferences");
            cluster.Server.Add(obj);
        }

        var audit = cluster.Audit("--output", "json");

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.Not.EqualTo(2), audit.Stderr);
            Assert.That(FakeCluster.Json(audit).GetProperty("summary").GetProperty("objects").GetInt32(), Is.EqualTo(files.Count));
            Assert.That(FakeCluster.Json(audit).GetProperty("summary").GetProperty("inputErrors").GetInt32(), Is.Zero);
        });
    }

    private static string Namespace(string mode, string file) =>
        $"{mode}-{Path.GetFileName(Path.GetDirectoryName(file))}-{Path.GetFileNameWithoutExtension(file)}";

    private static string Line(string kind, string ns, string name, JsonElement o)
    {
        var findings = o.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("rule").GetString()}/{f.GetProperty("severity").GetString()}/{f.GetProperty("path").GetString()}/{f.GetProperty("message").GetString()}");
        return $"{kind} {ns}/{name} {(o.GetProperty("allowed").GetBoolean() ? "allowed" : "denied")} [{string.Join("; ", findings)}]";
    }
}
