using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AcrGuard.EndToEnd.Tests;

/// <summary>The webhook behind a real kube-apiserver: what <c>kubectl apply</c> users see.</summary>
public class WebhookTests
{
    private const string ServiceArn = "acs:ram::1609982529123456:role/acr-test";

    private static Kubernetes Client => EndToEndCluster.Client;

    [SetUp]
    public void ForgetWarnings() => EndToEndCluster.Warnings.Clear();

    [TearDown]
    public void ShowServerLogOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine($"acrguard serve log:{Environment.NewLine}{EndToEndCluster.ServerLog}");
        }
    }

    [Test]
    public async Task Annotation_on_the_deployment_metadata_is_denied_with_AG001()
    {
        var deployment = Named(Examples.Deployment("bad/misplaced-on-deployment.yaml"), "misplaced");

        var denial = await DeniedAsync(() => Client.CreateNamespacedDeploymentAsync(deployment, EndToEndCluster.EnforcedNamespace));

        Assert.That(denial, Does.Contain("admission webhook \\\"enforce.acrguard.io\\\" denied the request").And.Contain("AG001"));
        Assert.That(await ExistsAsync("misplaced"), Is.False);
    }

    [Test]
    public async Task Server_side_dry_run_gets_the_same_denial()
    {
        var deployment = Named(Examples.Deployment("bad/misplaced-on-deployment.yaml"), "misplaced-dry-run");

        var denial = await DeniedAsync(() => Client.CreateNamespacedDeploymentAsync(deployment, EndToEndCluster.EnforcedNamespace, dryRun: "All"));

        Assert.That(denial, Does.Contain("enforce.acrguard.io").And.Contain("AG001"));
    }

    [Test]
    public async Task In_an_audited_namespace_it_is_created_with_the_finding_as_a_warning()
    {
        var deployment = Named(Examples.Deployment("bad/misplaced-on-deployment.yaml"), "misplaced-audited");

        var created = await Client.CreateNamespacedDeploymentAsync(deployment, EndToEndCluster.AuditedNamespace);

        Assert.Multiple(() =>
        {
            Assert.That(created.Metadata.Uid, Is.Not.Null.And.Not.Empty);
            Assert.That(EndToEndCluster.Warnings, Has.Some.Contains("AG001"), string.Join(Environment.NewLine, EndToEndCluster.Warnings));
        });
    }

    [Test]
    public async Task Correct_cross_account_deployment_is_created_without_warnings()
    {
        var deployment = Named(Examples.Deployment("good/cross-account.yaml"), "cross-account");

        var created = await Client.CreateNamespacedDeploymentAsync(deployment, EndToEndCluster.EnforcedNamespace);

        Assert.Multiple(() =>
        {
            Assert.That(created.Metadata.Uid, Is.Not.Null.And.Not.Empty);
            Assert.That(EndToEndCluster.Warnings, Is.Empty);
        });
    }

    [Test]
    public async Task Annotation_added_to_a_running_pod_is_denied_with_AG004()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "late-annotation" },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "web", Image = "test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0" }],
            },
        };
        await Client.CreateNamespacedPodAsync(pod, EndToEndCluster.EnforcedNamespace);
        var patch = new V1Patch(
            new V1Pod { Metadata = new V1ObjectMeta { Annotations = new Dictionary<string, string> { ["k8s.aliyun.com/acr-service-arns"] = ServiceArn } } },
            V1Patch.PatchType.MergePatch);

        var denial = await DeniedAsync(() => Client.PatchNamespacedPodAsync(patch, "late-annotation", EndToEndCluster.EnforcedNamespace));

        Assert.That(denial, Does.Contain("AG004"));
        var stored = await Client.ReadNamespacedPodAsync("late-annotation", EndToEndCluster.EnforcedNamespace);
        Assert.That(stored.Metadata.Annotations?.ContainsKey("k8s.aliyun.com/acr-service-arns") ?? false, Is.False);
    }

    [Test]
    public async Task Image_cache_on_a_custom_domain_without_its_instance_id_is_denied_with_AG003()
    {
        var imageCache = new Dictionary<string, object>
        {
            ["apiVersion"] = "eci.alibabacloud.com/v1",
            ["kind"] = "ImageCache",
            ["metadata"] = new Dictionary<string, object>
            {
                ["name"] = "custom-domain-without-instance-id",
                ["annotations"] = new Dictionary<string, string> { ["k8s.aliyun.com/acr-service-arns"] = ServiceArn },
            },
            ["spec"] = new Dictionary<string, object>
            {
                ["images"] = new[] { "test1234-registry.example.com/eci_test/nginx:1.0" },
                ["imageCacheSize"] = 25,
            },
        };

        var denial = await DeniedAsync(() => Client.CreateClusterCustomObjectAsync(imageCache, "eci.alibabacloud.com", "v1", "imagecaches"));

        Assert.That(denial, Does.Contain("AG003").And.Contain("test1234-registry.example.com"));
    }

    private static V1Deployment Named(V1Deployment deployment, string name)
    {
        deployment.Metadata.Name = name;
        return deployment;
    }

    private static async Task<bool> ExistsAsync(string deployment)
    {
        var list = await Client.ListNamespacedDeploymentAsync(EndToEndCluster.EnforcedNamespace, fieldSelector: $"metadata.name={deployment}");
        return list.Items.Count > 0;
    }

    /// <summary>The API's error body for a request the webhook must refuse with 403 Forbidden.</summary>
    private static async Task<string> DeniedAsync(Func<Task> request)
    {
        try
        {
            await request();
        }
        catch (HttpOperationException e)
        {
            Assert.That((int)e.Response.StatusCode, Is.EqualTo(403), e.Response.Content);
            return e.Response.Content;
        }

        Assert.Fail("the request was allowed");
        return string.Empty;
    }
}
