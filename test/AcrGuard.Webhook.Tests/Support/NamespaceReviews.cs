using System.Text.Json.Nodes;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>
/// AdmissionReviews of a Namespace as kube-apiserver sends them to the mode-label guard: no
/// request.namespace (namespaces are cluster-scoped), the caller's userInfo, object and oldObject.
/// </summary>
internal static class NamespaceReviews
{
    public const string Label = "acrguard.io/mode";

    /// <summary>assets/namespaces/team-a.json with <see cref="Label"/> set to <paramref name="mode"/> (null: without it).</summary>
    public static JsonObject TeamA(string? mode, params (string Key, string Value)[] moreLabels)
    {
        var ns = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "assets", "namespaces", "team-a.json")))!.AsObject();
        var labels = ns["metadata"]!["labels"]!.AsObject();
        if (mode is not null)
        {
            labels[Label] = mode;
        }

        foreach (var (key, value) in moreLabels)
        {
            labels[key] = value;
        }

        return ns;
    }

    public static string Create(JsonObject ns, string user, string[] groups, bool dryRun = false) =>
        Envelope("CREATE", ns, null, user, groups, dryRun);

    public static string Update(JsonObject ns, JsonObject old, string user, string[] groups, bool dryRun = false) =>
        Envelope("UPDATE", ns, old, user, groups, dryRun);

    public static string Envelope(string operation, JsonObject? ns, JsonObject? old, string user, string[] groups, bool dryRun)
    {
        var name = (string?)(ns ?? old)?["metadata"]?["name"] ?? string.Empty;
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = $"ns-{operation.ToLowerInvariant()}-{user}",
                ["kind"] = new JsonObject { ["group"] = string.Empty, ["version"] = "v1", ["kind"] = "Namespace" },
                ["resource"] = new JsonObject { ["group"] = string.Empty, ["version"] = "v1", ["resource"] = "namespaces" },
                ["requestKind"] = new JsonObject { ["group"] = string.Empty, ["version"] = "v1", ["kind"] = "Namespace" },
                ["requestResource"] = new JsonObject { ["group"] = string.Empty, ["version"] = "v1", ["resource"] = "namespaces" },
                ["name"] = name,
                ["operation"] = operation,
                ["userInfo"] = new JsonObject
                {
                    ["username"] = user,
                    ["uid"] = "c5a4b3c2-0000-4000-8000-00000000000a",
                    ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode?)JsonValue.Create(g))]),
                },
                ["object"] = ns?.DeepClone(),
                ["oldObject"] = old?.DeepClone(),
                ["dryRun"] = dryRun,
                ["options"] = new JsonObject { ["kind"] = operation == "CREATE" ? "CreateOptions" : "UpdateOptions", ["apiVersion"] = "meta.k8s.io/v1", ["fieldManager"] = "kubectl-label" },
            },
        };
        return review.ToJsonString();
    }
}
