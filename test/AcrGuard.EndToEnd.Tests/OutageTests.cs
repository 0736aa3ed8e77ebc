using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AcrGuard.EndToEnd.Tests;

/// <summary>
/// The shipped webhooks with AcrGuard unreachable: controllers go on (matchConditions keep their
/// objects off the Fail webhooks), while a new Deployment waits for AcrGuard.
/// </summary>
[NonParallelizable]
public class OutageTests
{
    private const string Name = "survives-outage";

    private static Kubernetes Client => EndToEndCluster.Client;

    [TearDown]
    public void ShowServerLogOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine($"acrguard serve log:{Environment.NewLine}{EndToEndCluster.ServerLog}");
        }
    }

    [Test]
    public async Task With_acrguard_unreachable_a_deployments_replica_set_still_creates_its_pods_and_a_new_deployment_waits()
    {
        var deployment = Examples.Deployment("good/cross-account.yaml");
        deployment.Metadata.Name = Name;
        deployment.Spec.Replicas = 1;
        await Client.CreateNamespacedDeploymentAsync(deployment, EndToEndCluster.EnforcedNamespace);
        await Eventually.Async(async () => await PodCountAsync() == 1, "the Deployment's first pod");

        try
        {
            // Nothing listens on port 9 behind the host name: to kube-apiserver, every replica is gone.
            await EndToEndCluster.InstallWebhooksAsync($"https://{EndToEndCluster.HostName}:9", CallsFailAsync, "kube-apiserver to fail calling the unreachable webhook");

            // The scale subresource is not in the webhooks' rules; the ReplicaSet update and the
            // pods that follow are the controllers' own, with a controller owner reference.
            await Client.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), Name, EndToEndCluster.EnforcedNamespace);
            await Eventually.Async(async () => await PodCountAsync() == 3, "the ReplicaSet to create two more pods while AcrGuard is unreachable");

            var fresh = Examples.Deployment("good/cross-account.yaml");
            fresh.Metadata.Name = "new-during-outage";
            var failure = await FailedAsync(() => Client.CreateNamespacedDeploymentAsync(fresh, EndToEndCluster.EnforcedNamespace));
            Assert.That(failure, Does.Contain("failed calling webhook").And.Contain("enforce.acrguard.io"));
        }
        finally
        {
            await EndToEndCluster.InstallWebhooksAsync(EndToEndCluster.WebhookBaseUrl, () => EndToEndCluster.WebhookAnswersAsync(Client), "the webhook to answer again");
        }
    }

    // The pods of the Deployment's ReplicaSets, found through their owner references.
    private static async Task<int> PodCountAsync()
    {
        var replicaSets = await Client.ListNamespacedReplicaSetAsync(EndToEndCluster.EnforcedNamespace);
        var owned = replicaSets.Items
            .Where(rs => rs.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Name == Name) == true)
            .Select(rs => rs.Metadata.Name)
            .ToHashSet();
        var pods = await Client.ListNamespacedPodAsync(EndToEndCluster.EnforcedNamespace);
        return pods.Items.Count(p => p.Metadata.OwnerReferences?.Any(o => o.Controller == true && owned.Contains(o.Name)) == true);
    }

    private static async Task<bool> CallsFailAsync()
    {
        var probe = Examples.Deployment("good/cross-account.yaml");
        probe.Metadata.Name = "outage-probe";
        try
        {
            await Client.CreateNamespacedDeploymentAsync(probe, EndToEndCluster.EnforcedNamespace, dryRun: "All");
            return false;
        }
        catch (HttpOperationException e) when (e.Response.Content.Contains("failed calling webhook", StringComparison.Ordinal))
        {
            return true;
        }
    }

    private static async Task<string> FailedAsync(Func<Task> request)
    {
        try
        {
            await request();
        }
        catch (HttpOperationException e)
        {
            return e.Response.Content;
        }

        Assert.Fail("the request was admitted while AcrGuard was unreachable");
        return string.Empty;
    }
}
