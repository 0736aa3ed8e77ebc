namespace AcrGuard.Testing;

/// <summary>
/// The workload fixtures in workloads/ (OpenKruise CloneSet and Advanced StatefulSet, Argo
/// Rollout; judged with its config.yaml) and the findings each document must get, whether read
/// by <c>check</c> or reviewed by the webhook. The rules', the CLI's and the webhook's tests all
/// hold to these answers; the fixtures land in each one's output under workloads/.
/// </summary>
public static class WorkloadCases
{
    public const string Directory = "workloads";

    public const string Config = "config.yaml";

    public static readonly string[] Files = ["cloneset.yaml", "advanced-statefulset.yaml", "rollout.yaml"];

    // Each file's documents are named <app>-<case>.
    private static readonly string[] Apps = ["storefront-", "orders-db-", "checkout-"];

    private const string Service = "k8s.aliyun.com/acr-service-arns";
    private const string User = "k8s.aliyun.com/acr-user-arns";
    private const string InstanceIds = "k8s.aliyun.com/acr-instance-ids";

    /// <summary>Every document of every fixture file: its file, index in the file and name.</summary>
    public static IEnumerable<(string File, int Index, string Name)> Documents(string root)
    {
        foreach (var file in Files)
        {
            var index = 0;
            foreach (var line in File.ReadLines(Path.Combine(root, Directory, file)))
            {
                // Each document's name is the first "  name:" line under its metadata.
                if (line.StartsWith("  name: ", StringComparison.Ordinal))
                {
                    yield return (file, index++, line["  name: ".Length..]);
                }
            }
        }
    }

    /// <summary>The findings of a document (rule, severity, path), in no particular order.</summary>
    public static IReadOnlyList<(string Rule, string Severity, string Path)> Expected(string file, string name)
    {
        // AG003 once per custom domain and pod template, at its first image (the CloneSet's init
        // container is on the same domain, counted in the message as "and 1 more image").
        (string, string, string)[] missingInstanceId = [("AG003", "error", "spec.template.spec.containers[0].image")];
        var prefix = Array.Find(Apps, app => name.StartsWith(app, StringComparison.Ordinal)) ?? string.Empty;
        return name[prefix.Length..] switch
        {
            "good" or "workload-ref" => [],
            "misplaced" =>
            [
                ("AG001", "error", Own(Service)), ("AG001", "error", Own(User)), ("AG001", "error", Own(InstanceIds)), .. missingInstanceId,
            ],
            "harmless-copy" => [("AG001", "warning", Own(Service))],
            "cross-account-without-service-arns" => [("AG002", "error", Template(User))],
            "custom-domain-without-instance-id" => [.. missingInstanceId],
            "copied-from-the-docs" => [("AG005", "error", Template(Service))],
            "misspelt-key" => [("AG007", "error", Template("k8s.aliyun.com/acr-instances-ids")), .. missingInstanceId],
            _ => throw new ArgumentException($"{file}: no expectation for {name}", nameof(name)),
        };
    }

    /// <summary>Whether the document's kind is judged at all: a Rollout with workloadRef has no template.</summary>
    public static bool InScope(string name) => !name.EndsWith("-workload-ref", StringComparison.Ordinal);

    private static string Own(string key) => $"metadata.annotations['{key}']";

    private static string Template(string key) => $"spec.template.metadata.annotations['{key}']";
}
