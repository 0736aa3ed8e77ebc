using System.Text.Json.Nodes;

namespace AcrGuard.LoadDriver;

/// <summary>AdmissionReview bodies as kube-apiserver sends them, with the uid left as a placeholder.</summary>
internal static class ReviewEnvelope
{
    public static string Create(string objectJson, bool dryRun = false) => Build("CREATE", objectJson, null, dryRun);

    public static string Update(string objectJson, string oldObjectJson) => Build("UPDATE", objectJson, oldObjectJson, dryRun: false);

    public static string Delete(string oldObjectJson) => Build("DELETE", null, oldObjectJson, dryRun: false);

    private static string Build(string operation, string? objectJson, string? oldObjectJson, bool dryRun)
    {
        var obj = objectJson is null ? null : JsonNode.Parse(objectJson);
        var old = oldObjectJson is null ? null : JsonNode.Parse(oldObjectJson);
        var subject = (obj ?? old)!;
        var kind = (string?)subject["kind"] ?? string.Empty;
        var apiVersion = (string?)subject["apiVersion"] ?? "v1";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = ReviewCase.UidPlaceholder,
                ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
                ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = kind.ToLowerInvariant() + "s" },
                ["name"] = (string?)subject["metadata"]?["name"] ?? string.Empty,
                ["namespace"] = (string?)subject["metadata"]?["namespace"] ?? "default",
                ["operation"] = operation,
                ["userInfo"] = new JsonObject { ["username"] = "load@example.com", ["groups"] = new JsonArray("system:authenticated") },
                ["object"] = obj,
                ["oldObject"] = old,
                ["dryRun"] = dryRun,
            },
        };
        return review.ToJsonString();
    }
}
