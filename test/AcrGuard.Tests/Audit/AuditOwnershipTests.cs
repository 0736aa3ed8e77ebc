namespace AcrGuard.Tests.Audit;

/// <summary>An object controlled by an audited object is covered by its owner's findings, unless --include-owned.</summary>
public class AuditOwnershipTests
{
    private const string CronJobChain = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly, uid: cj-1}
        spec:
          schedule: "0 1 * * *"
          jobTemplate:
            spec:
              template:
                metadata:
                  annotations:
                    k8s.aliyun.com/acr-instances-ids: cri-j36zhodptmyq1234
                spec:
                  restartPolicy: Never
                  containers:
                  - {name: report, image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: nightly-29000000
          uid: job-1
          ownerReferences:
          - {apiVersion: batch/v1, kind: CronJob, name: nightly, uid: cj-1, controller: true}
        spec:
          template:
            metadata:
              annotations:
                k8s.aliyun.com/acr-instances-ids: cri-j36zhodptmyq1234
            spec:
              restartPolicy: Never
              containers:
              - {name: report, image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0}
        """;

    [Test]
    public async Task Replica_sets_and_pods_of_an_audited_deployment_are_folded_into_it()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Add(Workloads.MisplacedDeployment("web", "dep-1"), "shop");
        cluster.Add(Workloads.ReplicaSet("web-5d9c", "rs-1", "Deployment", "web", "dep-1"), "shop");
        cluster.Add(Workloads.Pod("web-5d9c-abcde", "pod-1", "ReplicaSet", "web-5d9c", "rs-1"), "shop");
        cluster.Add(Workloads.Pod("orphan-x1", "pod-2", "ReplicaSet", "gone", "rs-gone"), "shop");
        cluster.Add(Workloads.Pod("by-hand", "pod-3"), "shop");
        cluster.Add(CronJobChain, "shop");
        cluster.Add(Workloads.Pod("nightly-29000000-q7k", "pod-4", "Job", "nightly-29000000", "job-1"), "shop");

        var folded = cluster.Audit("--output", "json");
        var everything = cluster.Audit("--output", "json", "--include-owned");

        Assert.Multiple(() =>
        {
            Assert.That(FakeCluster.Reported(folded), Is.EqualTo(new[]
            {
                "Deployment shop/web", "CronJob shop/nightly", "Pod shop/by-hand", "Pod shop/orphan-x1",
            }));
            Assert.That(FakeCluster.Reported(everything), Is.EqualTo(new[]
            {
                "Deployment shop/web", "CronJob shop/nightly", "ReplicaSet shop/web-5d9c", "Job shop/nightly-29000000",
                "Pod shop/by-hand", "Pod shop/nightly-29000000-q7k", "Pod shop/orphan-x1", "Pod shop/web-5d9c-abcde",
            }));
        });
    }

    [Test]
    public async Task An_owner_left_out_by_the_selector_does_not_cover_its_pods()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Add(Workloads.MisplacedDeployment("web", "dep-1"), "shop");
        cluster.Add(Workloads.ReplicaSet("web-5d9c", "rs-1", "Deployment", "web", "dep-1"), "shop");
        cluster.Add(Workloads.Pod("web-5d9c-abcde", "pod-1", "ReplicaSet", "web-5d9c", "rs-1", labels: "{tier: front}"), "shop");

        var audit = cluster.Audit("--output", "json", "--selector", "tier=front");

        Assert.That(FakeCluster.Reported(audit), Is.EqualTo(new[] { "Pod shop/web-5d9c-abcde" }));
    }
}
