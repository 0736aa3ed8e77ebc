using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace AcrGuard.Audit.Cluster;

/// <summary>
/// Where the audit connects, as kubectl would: <c>--kubeconfig</c>, else <c>$KUBECONFIG</c>
/// (a list of files, merged), else <c>~/.kube/config</c>; inside a pod with none of these, its
/// service account.
/// </summary>
public static class ClusterConnection
{
    /// <summary>The client configuration; a <see cref="ClusterException"/> naming the file or context when it cannot be built.</summary>
    public static KubernetesClientConfiguration Configure(string? kubeconfig, string? context, string? environment, string home)
    {
        var files = kubeconfig is not null ? [kubeconfig]
            : !string.IsNullOrEmpty(environment) ? environment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [Path.Combine(home, ".kube", "config")];
        var from = kubeconfig is not null ? "--kubeconfig" : !string.IsNullOrEmpty(environment) ? "$KUBECONFIG" : "~/.kube/config";

        if (kubeconfig is null && string.IsNullOrEmpty(environment) && !File.Exists(files[0]) && KubernetesClientConfiguration.IsInCluster())
        {
            if (context is not null)
            {
                throw new ClusterException($"--context {context}: there is no kubeconfig ({files[0]} does not exist), only the pod's service account");
            }

            try
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }
            catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException)
            {
                throw new ClusterException($"the pod's service account cannot be used: {e.Message}", inner: e);
            }
        }

        var existing = files.Where(File.Exists).ToArray();
        if (existing.Length == 0)
        {
            throw new ClusterException($"no kubeconfig: {string.Join(", ", files)} ({from}) does not exist, and this is not a pod with a service account");
        }

        try
        {
            if (existing.Length == 1)
            {
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(new FileInfo(existing[0]), context);
            }

            return KubernetesClientConfiguration.BuildConfigFromConfigObject(Merge(existing), context);
        }
        // KubernetesClient reads a kubeconfig without checking its shape: a context without its
        // cluster or user can surface as an argument or null-reference error; each is the file's fault.
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException or ArgumentException or FormatException or NullReferenceException)
        {
            var message = e is YamlDotNet.Core.YamlException ? $"not a kubeconfig: {e.Message}" : e.Message;
            throw new ClusterException($"{string.Join(", ", existing)}: {message}", inner: e);
        }
    }

    // kubectl's rule for a $KUBECONFIG list: the first file to name a cluster, user, context or
    // current-context wins (https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/#merging-kubeconfig-files).
    private static K8SConfiguration Merge(string[] files)
    {
        var merged = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(files[0]), useRelativePaths: true);
        merged.Clusters = [.. merged.Clusters ?? []];
        merged.Users = [.. merged.Users ?? []];
        merged.Contexts = [.. merged.Contexts ?? []];
        foreach (var file in files.Skip(1))
        {
            var next = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(file), useRelativePaths: true);
            merged.CurrentContext ??= next.CurrentContext;
            merged.Clusters = [.. merged.Clusters, .. (next.Clusters ?? []).Where(c => merged.Clusters.All(m => m.Name != c.Name))];
            merged.Users = [.. merged.Users, .. (next.Users ?? []).Where(u => merged.Users.All(m => m.Name != u.Name))];
            merged.Contexts = [.. merged.Contexts, .. (next.Contexts ?? []).Where(c => merged.Contexts.All(m => m.Name != c.Name))];
        }

        return merged;
    }

    public static KubernetesClusterSource Connect(KubernetesClientConfiguration config)
    {
        try
        {
            return new KubernetesClusterSource(new Kubernetes(config));
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UriFormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new ClusterException($"{config.Host}: cannot set up the client: {e.Message}", inner: e);
        }
    }
}
