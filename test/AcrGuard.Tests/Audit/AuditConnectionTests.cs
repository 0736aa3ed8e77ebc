using System.Net;
using System.Net.Sockets;
using AcrGuard.FakeKubeApi;

namespace AcrGuard.Tests.Audit;

/// <summary>Credentials, servers and resources that are not there: one line naming the server and its answer, exit 2, never a stack trace.</summary>
public class AuditConnectionTests
{
    [Test]
    public async Task A_refused_token_exits_2_naming_the_server_and_401()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var kubeconfig = cluster.Server.WriteKubeconfig(CliRun.TempFile("kubeconfig", string.Empty), token: "expired-token");

        var audit = CliRun.Of("audit", "--kubeconfig", kubeconfig);

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(2));
            Assert.That(audit.Stderr, Is.EqualTo($"acrguard: {cluster.Url} answered HTTP 401 Unauthorized listing namespaces: Unauthorized\n"));
            Assert.That(audit.Stdout, Is.Empty);
        });
    }

    [Test]
    public void An_unreachable_server_exits_2_naming_it()
    {
        var port = FreePort();
        var kubeconfig = CliRun.TempFile("kubeconfig", $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: gone
              cluster:
                server: http://127.0.0.1:{port}
            users:
            - name: me
              user:
                token: abc
            contexts:
            - name: gone
              context:
                cluster: gone
                user: me
            current-context: gone
            """);

        var audit = CliRun.Of("audit", "--kubeconfig", kubeconfig);

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(2));
            Assert.That(audit.Stderr, Does.StartWith($"acrguard: cannot reach http://127.0.0.1:{port} listing namespaces: "));
            Assert.That(audit.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task A_context_the_kubeconfig_lacks_and_a_missing_kubeconfig_exit_2()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-kubeconfig-{Guid.NewGuid():N}");

        var badContext = cluster.Audit("--context", "prod");
        var noFile = CliRun.Of("audit", "--kubeconfig", missing);

        Assert.Multiple(() =>
        {
            Assert.That(badContext.ExitCode, Is.EqualTo(2));
            Assert.That(badContext.Stderr, Does.StartWith($"acrguard: {cluster.Kubeconfig}: ").And.Contain("prod"));
            Assert.That(noFile.ExitCode, Is.EqualTo(2));
            Assert.That(noFile.Stderr, Does.Contain(missing).And.Contain("does not exist"));
            Assert.That(badContext.Stderr + noFile.Stderr, Does.Not.Contain("   at "));
        });
    }

    [Test]
    public async Task The_named_context_is_used()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Server.WriteKubeconfig(cluster.Kubeconfig, context: "staging");
        cluster.Add(Workloads.CleanPod("quiet"), "shop");

        var audit = cluster.Audit("--context", "staging", "--output", "json");

        Assert.That(FakeCluster.Reported(audit), Is.EqualTo(new[] { "Pod shop/quiet" }));
    }

    [Test]
    public async Task A_namespace_the_cluster_lacks_exits_2()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.AddNamespace("shop");

        var audit = cluster.Audit("--namespace", "shpo");

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(2));
            Assert.That(audit.Stderr, Is.EqualTo($"acrguard: {cluster.Url} has no namespace shpo\n"));
        });
    }

    [Test]
    public async Task Absent_imagecaches_are_one_line_and_the_audit_goes_on()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Add(Workloads.MisplacedDeployment("web", "d-1"), "shop");

        var audit = cluster.Audit();

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(1));
            Assert.That(audit.Stdout, Does.Contain("cluster: Deployment shop/web: denied"));
            Assert.That(audit.Stderr, Is.EqualTo($"acrguard: imagecaches.eci.alibabacloud.com: not served by {cluster.Url} (HTTP 404: its CRD is not installed); its objects were not audited\n"));
        });
    }

    [Test]
    public async Task Forbidden_imagecaches_are_one_line_and_the_audit_goes_on()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Server.Install(ApiResource.ImageCaches);
        cluster.Server.Forbid(ApiResource.ImageCaches);
        cluster.Add(Workloads.CleanPod("quiet"), "shop");

        var audit = cluster.Audit();

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(0));
            Assert.That(audit.Stderr, Does.StartWith("acrguard: imagecaches.eci.alibabacloud.com: forbidden (HTTP 403)").And.Contain("cannot list resource \\\"imagecaches\\\"").Or.Contain("cannot list resource \"imagecaches\""));
            Assert.That(audit.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task Forbidden_namespaces_exit_2_and_say_mode_does_without_them()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Server.Forbid(ApiResource.Namespaces);
        cluster.Add(Workloads.CleanPod("quiet"), "shop");

        var refused = cluster.Audit();
        var withMode = cluster.Audit("--mode", "enforce");

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(2));
            Assert.That(refused.Stderr, Does.Contain("HTTP 403 Forbidden listing namespaces").And.Contain("pass --mode enforce or --mode audit"));
            Assert.That(withMode.ExitCode, Is.EqualTo(0), withMode.Stderr);
        });
    }

    [TestCase("--page-size", "0", "--page-size must be at least 1")]
    [TestCase("--mode", "warn", "warn")]
    [TestCase("--output", "xml", "xml")]
    public void A_bad_option_is_a_usage_error(string option, string value, string named)
    {
        var audit = CliRun.Of("audit", option, value);

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(2));
            Assert.That(audit.Stderr, Does.Contain(named));
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
