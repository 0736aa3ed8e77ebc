using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AcrGuard.Commands;
using k8s;
using k8s.Models;

namespace AcrGuard.EndToEnd.Tests;

/// <summary>
/// <c>acrguard audit</c> against the real kube-apiserver: objects let in by the webhook in audit
/// mode, then found by the audit, exactly them, and written as PolicyReports kubectl lists.
/// </summary>
public class AuditTests
{
    private const string Namespace = "e2e-audit-scan";

    private static Kubernetes Client => EndToEndCluster.Client;

    [OneTimeSetUp]
    public async Task CreateObjectsTheWebhookOnlyWarnedAbout()
    {
        await Client.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = Namespace, Labels = new Dictionary<string, string> { ["acrguard.io/mode"] = "audit" } },
        });
        foreach (var (file, name) in new[] { ("bad/misplaced-on-deployment.yaml", "misplaced"), ("good/cross-account.yaml", "cross-account") })
        {
            var deployment = Examples.Deployment(file);
            deployment.Metadata.Name = name;
            deployment.Spec.Replicas = 1;
            await Client.CreateNamespacedDeploymentAsync(deployment, Namespace);
        }

        // The Deployment controller makes the ReplicaSet and the Pod: the audit must fold them in.
        await Eventually.Async(
            async () => (await Client.ListNamespacedPodAsync(Namespace)).Items.Count >= 2,
            "the Deployments' pods to be created");
    }

    [Test]
    public void The_audit_finds_exactly_the_objects_the_webhook_warned_about()
    {
        var (exit, stdout, stderr) = Audit("--namespace", Namespace, "--output", "json");

        using var report = JsonDocument.Parse(stdout);
        var withFindings = report.RootElement.GetProperty("objects").EnumerateArray()
            .Where(o => o.GetProperty("findings").GetArrayLength() > 0)
            .Select(o => $"{o.GetProperty("kind").GetString()} {o.GetProperty("name").GetString()} {string.Join(",", o.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()))}")
            .ToList();
        var reported = report.RootElement.GetProperty("objects").EnumerateArray().Select(o => $"{o.GetProperty("kind").GetString()} {o.GetProperty("name").GetString()}").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), stderr);
            Assert.That(withFindings, Is.EqualTo(new[] { "Deployment misplaced AG001" }));
            Assert.That(reported, Is.EquivalentTo(new[] { "Deployment misplaced", "Deployment cross-account" }), "ReplicaSets and Pods are folded into their Deployments");
        });
    }

    [Test]
    public async Task Policy_reports_are_written_and_kubectl_lists_them()
    {
        await InstallPolicyReportDefinitionsAsync();

        var (exit, _, stderr) = Audit("--namespace", Namespace, "--policy-report");

        var kubectl = Kubectl("get", "policyreports", "-A", "--kubeconfig", EndToEndCluster.KubeconfigPath);
        var report = (JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync("wgpolicyk8s.io", "v1alpha2", Namespace, "policyreports", "acrguard");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), stderr);
            Assert.That(report.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("rule").GetString()), Is.EqualTo(new[] { "AG001" }));
            Assert.That(report.GetProperty("results")[0].GetProperty("resources")[0].GetProperty("name").GetString(), Is.EqualTo("misplaced"));
            if (kubectl is not null)
            {
                Assert.That(kubectl, Does.Contain(Namespace).And.Contain("acrguard"));
            }
        });
    }

    private static (int Exit, string Stdout, string Stderr) Audit(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = AcrGuardCli.Run(["audit", "--kubeconfig", EndToEndCluster.KubeconfigPath, "--config", Path.Combine(TestContext.CurrentContext.TestDirectory, "assets", "acrguard-config.yaml"), .. args], TextReader.Null, stdout, stderr);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    private static async Task InstallPolicyReportDefinitionsAsync()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "assets", "policyreport-crds.yaml"));
        foreach (var document in text.Split("\n---\n"))
        {
            var definition = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(document);
            try
            {
                await Client.CreateCustomResourceDefinitionAsync(definition);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // Installed by an earlier test of this run.
            }

            await Eventually.Async(
                async () => (await Client.ReadCustomResourceDefinitionAsync(definition.Metadata.Name)).Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true,
                $"{definition.Metadata.Name} to be established");
        }
    }

    // kubectl, where it is installed: what a user would run to see the reports.
    private static string? Kubectl(params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
