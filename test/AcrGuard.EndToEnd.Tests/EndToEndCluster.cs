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

    private static K3sContainer? _container;
    private static ServeProcess? _server;
    private static Kubernetes? _client;
    private static string? _workDirectory;
    private static byte[] _caBundle = [];
    private static string? _kubeconfig;

    public static Kubernetes Client => _client ?? throw new InvalidOperationException("the cluster is not up");

    internal static WarningRecorder Warnings { get; } = new();

    public static string ServerLog => _server?.Output ?? string.Empty;

    /// <summary>Where kube-apiserver reaches the running <c>acrguard serve</c>.</summary>
    public static string WebhookBaseUrl => $"https://{HostName}:{_server?.Port ?? throw new InvalidOperationException("the webhook is not up")}";

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
        _caBundle = MakeCertificates(_workDirectory);
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

        _kubeconfig = await _container.GetKubeconfigAsync();
        _client = new Kubernetes(Configuration(), Warnings);

        await InstallImageCacheDefinitionAsync(_client);
        await _client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = EnforcedNamespace } });
        await _client.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = AuditedNamespace, Labels = new Dictionary<string, string> { ["acrguard.io/mode"] = "audit" } },
        });
        await _client.CreateValidatingWebhookConfigurationAsync(ShippedWebhooks(WebhookBaseUrl));
        await WaitUntilWebhookAnswersAsync(_client);
    }

    /// <summary>A client that acts as another user (the admin of the kubeconfig impersonates them), for RBAC and the mode-label guard.</summary>
    public static Kubernetes ClientAs(string user, string group) => new(Configuration(), new Impersonation(user, group));

    private static KubernetesClientConfiguration Configuration()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(_kubeconfig ?? throw new InvalidOperationException("the cluster is not up")));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
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

    /// <summary>
    /// deploy/base's webhooks as shipped (selectors, matchConditions, failure policies, timeouts),
    /// each calling its path under <paramref name="baseUrl"/> instead of the in-cluster Service.
    /// </summary>
    public static V1ValidatingWebhookConfiguration ShippedWebhooks(string baseUrl)
    {
        var configuration = KubernetesYaml.Deserialize<V1ValidatingWebhookConfiguration>(
            File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "deploy", "validatingwebhookconfiguration.yaml")));
        foreach (var webhook in configuration.Webhooks)
        {
            webhook.ClientConfig = new Admissionregistrationv1WebhookClientConfig { Url = baseUrl + webhook.ClientConfig.Service.Path, CaBundle = _caBundle };
        }

        return configuration;
    }

    /// <summary>Replaces the installed webhooks and waits until kube-apiserver uses them.</summary>
    public static async Task InstallWebhooksAsync(string baseUrl, Func<Task<bool>> inEffect, string what)
    {
        var installed = await Client.ReadValidatingWebhookConfigurationAsync("acrguard");
        var replacement = ShippedWebhooks(baseUrl);
        replacement.Metadata.ResourceVersion = installed.Metadata.ResourceVersion;
        await Client.ReplaceValidatingWebhookConfigurationAsync(replacement, "acrguard");
        await Eventually.Async(inEffect, what);
    }

    /// <summary>
    /// kube-apiserver loads a new webhook configuration asynchronously: until it does, requests pass
    /// unreviewed. Wait for a known-bad object to be denied (server-side dry run: nothing is stored).
    /// </summary>
    private static Task WaitUntilWebhookAnswersAsync(Kubernetes client) =>
        Eventually.Async(() => WebhookAnswersAsync(client), "the enforce webhook to deny a misplaced annotation");

    /// <summary>Whether the enforce webhook answers: a known-bad Deployment is denied with AG001 (a dry run).</summary>
    public static async Task<bool> WebhookAnswersAsync(Kubernetes client)
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
    }
}
