using System.Net;
using AcrGuard.Certificates;
using AcrGuard.Testing;
using DotNet.Testcontainers.Configurations;
using k8s;
using k8s.Models;
using Testcontainers.K3s;

namespace AcrGuard.EndToEnd.Tests;

/// <summary>
/// One K3s cluster and one <c>acrguard serve</c> for the whole run. kube-apiserver, inside the K3s
/// container, reaches the webhook on this host through Testcontainers' host port forwarding, as
/// https://host.testcontainers.internal:PORT (the name the serving certificate is made for).
/// </summary>
[SetUpFixture]
public sealed class EndToEndCluster
{
    public const string HostName = "host.testcontainers.internal";
    public const string EnforcedNamespace = "e2e-enforced";
    public const string AuditedNamespace = "e2e-audited";

    /// <summary>Pinned to the kubectl minor this project is checked with; K3s images bundle the API server.</summary>
    private const string K3sImage = "rancher/k3s:v1.32.4-k3s1";

    private static readonly string[] ExcludedNamespaces = ["kube-system", "kube-public", "kube-node-lease", "acrguard-system"];

    private static K3sContainer? _container;
    private static ServeProcess? _server;
    private static Kubernetes? _client;
    private static string? _workDirectory;

    public static Kubernetes Client => _client ?? throw new InvalidOperationException("the cluster is not up");

    /// <summary>The cluster's kubeconfig as a file, for commands that take one (<c>acrguard audit</c>, kubectl).</summary>
    public static string KubeconfigPath { get; private set; } = string.Empty;

    internal static WarningRecorder Warnings { get; } = new();

    public static string ServerLog => _server?.Output ?? string.Empty;

    [OneTimeSetUp]
    public static async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var unavailable = await DockerAvailability.UnavailableReasonAsync(timeout.Token);
        if (unavailable is not null)
        {
            Assert.Ignore($"Docker is not available: {unavailable}. The end-to-end tests need a Docker engine to run K3s.");
        }

        _workDirectory = Directory.CreateTempSubdirectory("acrguard-e2e-").FullName;
        var caBundle = MakeCertificates(_workDirectory);
        _server = ServeProcess.Start(
        [
            "--config", Path.Combine(TestContext.CurrentContext.TestDirectory, "assets", "acrguard-config.yaml"),
            "--tls-cert", Path.Combine(_workDirectory, CertificateFiles.ServingCertificate),
            "--tls-key", Path.Combine(_workDirectory, CertificateFiles.ServingKey),
        ]);
        await _server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        // Before the container starts: only containers started afterwards get the host entry.
        await TestcontainersSettings.ExposeHostPortsAsync((ushort)_server.Port);
        _container = new K3sBuilder(K3sImage).Build();
        await _container.StartAsync();

        var kubeconfig = await _container.GetKubeconfigAsync();
        KubeconfigPath = Path.Combine(_workDirectory, "kubeconfig");
        await File.WriteAllTextAsync(KubeconfigPath, kubeconfig);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(kubeconfig));
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(stream), Warnings);

        await InstallImageCacheDefinitionAsync(_client);
        await _client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = EnforcedNamespace } });
        await _client.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = AuditedNamespace, Labels = new Dictionary<string, string> { ["acrguard.io/mode"] = "audit" } },
        });
        await _client.CreateValidatingWebhookConfigurationAsync(WebhookConfiguration(_server.Port, caBundle));
        await WaitUntilWebhookAnswersAsync(_client);
    }

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        _client?.Dispose();
        _server?.Dispose();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_workDirectory is not null)
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
    }

    private static byte[] MakeCertificates(string directory)
    {
        var spec = new ServingCertificateSpec("acrguard", "acrguard-system", [HostName, "localhost"], [IPAddress.Loopback], 1);
        using var issued = CertificateIssuer.Issue(spec, DateTimeOffset.UtcNow);
        CertificateFiles.Write(directory, issued, keepCaKey: false);
        return System.Text.Encoding.ASCII.GetBytes(issued.CaCertificatePem);
    }

    private static async Task InstallImageCacheDefinitionAsync(Kubernetes client)
    {
        var definition = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(
            await File.ReadAllTextAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "assets", "imagecache-crd.yaml")));
        await client.CreateCustomResourceDefinitionAsync(definition);
        await Eventually.Async(
            async () => (await client.ReadCustomResourceDefinitionAsync(definition.Metadata.Name)).Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true,
            "the ImageCache CRD to be established");
    }

    /// <summary>The same two webhooks and selectors as deploy/base, but calling this host by URL.</summary>
    private static V1ValidatingWebhookConfiguration WebhookConfiguration(int port, byte[] caBundle) => new()
    {
        Metadata = new V1ObjectMeta { Name = "acrguard" },
        Webhooks =
        [
            Webhook("enforce.acrguard.io", $"https://{HostName}:{port}/validate/enforce", caBundle, "Fail", "NotIn", withImageCaches: true),
            Webhook("audit.acrguard.io", $"https://{HostName}:{port}/validate/audit", caBundle, "Ignore", "In", withImageCaches: false),
        ],
    };

    private static V1ValidatingWebhook Webhook(string name, string url, byte[] caBundle, string failurePolicy, string modeOperator, bool withImageCaches)
    {
        var rules = new List<V1RuleWithOperations>
        {
            Rule("", "pods", "replicationcontrollers"),
            Rule("apps", "deployments", "replicasets", "statefulsets", "daemonsets"),
            Rule("batch", "jobs", "cronjobs"),
        };
        if (withImageCaches)
        {
            rules.Add(Rule("eci.alibabacloud.com", "imagecaches"));
        }

        return new V1ValidatingWebhook
        {
            Name = name,
            ClientConfig = new Admissionregistrationv1WebhookClientConfig { Url = url, CaBundle = caBundle },
            FailurePolicy = failurePolicy,
            MatchPolicy = "Equivalent",
            SideEffects = "None",
            AdmissionReviewVersions = ["v1"],
            TimeoutSeconds = 5,
            NamespaceSelector = new V1LabelSelector
            {
                MatchExpressions =
                [
                    new V1LabelSelectorRequirement { Key = "acrguard.io/mode", OperatorProperty = modeOperator, Values = ["audit"] },
                    new V1LabelSelectorRequirement { Key = "kubernetes.io/metadata.name", OperatorProperty = "NotIn", Values = ExcludedNamespaces },
                ],
            },
            Rules = rules,
        };
    }

    private static V1RuleWithOperations Rule(string apiGroup, params string[] resources) => new()
    {
        ApiGroups = [apiGroup],
        ApiVersions = ["v1"],
        Resources = resources,
        Operations = ["CREATE", "UPDATE"],
    };

    /// <summary>
    /// kube-apiserver loads a new webhook configuration asynchronously: until it does, requests pass
    /// unreviewed. Wait for a known-bad object to be denied (server-side dry run: nothing is stored).
    /// </summary>
    private static Task WaitUntilWebhookAnswersAsync(Kubernetes client) =>
        Eventually.Async(
            async () =>
            {
                try
                {
                    await client.CreateNamespacedDeploymentAsync(Examples.Deployment("bad/misplaced-on-deployment.yaml"), EnforcedNamespace, dryRun: "All");
                    return false;
                }
                catch (k8s.Autorest.HttpOperationException e) when (e.Response.Content.Contains("AG001", StringComparison.Ordinal))
                {
                    return true;
                }
            },
            "the enforce webhook to deny a misplaced annotation");
}
