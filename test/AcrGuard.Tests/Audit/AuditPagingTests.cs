using AcrGuard.FakeKubeApi;

namespace AcrGuard.Tests.Audit;

/// <summary>Lists come in pages (limit and continue); a 410 on a continue token restarts the kind once, with nothing reported twice.</summary>
public class AuditPagingTests
{
    [TestCase(3, 7)]
    [TestCase(3, 6)]
    [TestCase(1, 4)]
    // The last page (one Pod) is read into the buffer the first two (two Pods each) left behind.
    [TestCase(2, 5)]
    [TestCase(500, 5)]
    public async Task Every_object_is_reported_once_whatever_the_page_boundaries(int pageSize, int pods)
    {
        await using var cluster = await FakeCluster.StartAsync();
        var names = Enumerable.Range(0, pods).Select(i => $"pod-{i:D2}").ToList();
        foreach (var name in names)
        {
            cluster.Add(Workloads.CleanPod(name), "shop");
        }

        var audit = cluster.Audit("--output", "json", "--page-size", pageSize.ToString());

        var podLists = cluster.Server.Requests.Where(r => r.IsList && r.Resource == ApiResource.Pods).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(FakeCluster.Reported(audit), Is.EqualTo(names.Select(n => $"Pod shop/{n}")));
            Assert.That(podLists, Has.Count.EqualTo((pods + pageSize - 1) / pageSize));
            Assert.That(podLists.Select(r => r.PathAndQuery), Has.All.Contains($"limit={pageSize}"));
            Assert.That(podLists.Skip(1).Select(r => r.Continue), Has.All.Not.Null, "every page after the first continues the list");
        });
    }

    [Test]
    public async Task A_410_on_a_continue_token_restarts_the_kind_once_and_reports_nothing_twice()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var names = Enumerable.Range(0, 7).Select(i => $"pod-{i}").ToList();
        foreach (var name in names)
        {
            cluster.Add(Workloads.Pod(name, $"uid-{name}"), "shop");
        }

        var compacted = false;
        cluster.Server.OnRequest = request =>
        {
            // etcd compacts while the audit is between the second and the third page.
            if (request.Resource == ApiResource.Pods && request.Continue is not null && !compacted && cluster.Server.Requests.Count(r => r.Resource == ApiResource.Pods) == 2)
            {
                compacted = true;
                cluster.Server.Compact();
            }
        };

        var audit = cluster.Audit("--output", "json", "--page-size", "2");

        var podLists = cluster.Server.Requests.Where(r => r.IsList && r.Resource == ApiResource.Pods).Select(r => r.Continue is null ? "first" : "continue").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(1), audit.Stderr);
            Assert.That(FakeCluster.Reported(audit), Is.EqualTo(names.Select(n => $"Pod shop/{n}")));
            Assert.That(podLists, Is.EqualTo(new[] { "first", "continue", "first", "continue", "continue", "continue" }));
            Assert.That(audit.Stderr, Does.Contain("pods: the list's continue token expired (HTTP 410 Gone)"));
        });
    }

    [Test]
    public async Task A_second_410_in_the_same_kind_fails_the_audit_naming_the_server()
    {
        await using var cluster = await FakeCluster.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            cluster.Add(Workloads.CleanPod($"pod-{i}"), "shop");
        }

        // Every token the list gets is compacted before it is used.
        cluster.Server.OnRequest = request =>
        {
            if (request.Resource == ApiResource.Pods && request.Continue is not null)
            {
                cluster.Server.Compact();
            }
        };

        var audit = cluster.Audit("--page-size", "2");

        Assert.Multiple(() =>
        {
            Assert.That(audit.ExitCode, Is.EqualTo(2));
            Assert.That(audit.Stderr, Does.Contain($"{cluster.Url} answered HTTP 410 Gone listing pods"));
            Assert.That(audit.Stderr, Does.Not.Contain("   at "));
            Assert.That(audit.Stdout, Is.Empty);
        });
    }
}
