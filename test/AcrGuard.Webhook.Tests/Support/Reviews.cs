using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.Manifests;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>AdmissionReview bodies as kube-apiserver sends them, around the shipped example manifests.</summary>
internal static class Reviews
{
    public static string Example(string relativePath, int document = 0) =>
        Json(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", relativePath)), document);

    public static string Sample(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reviews", name));

    /// <summary>One document of a YAML manifest as JSON text.</summary>
    public static string Json(string yaml, int document = 0)
    {
        // Each document is valid only until the loader moves on: read it in place.
        var index = 0;
        foreach (var doc in ManifestLoader.Load("test.yaml", yaml))
        {
            if (index++ == document)
            {
                return doc.Root.GetRawText();
            }
        }

        throw new ArgumentOutOfRangeException(nameof(document), $"the manifest has {index} documents");
    }

    public static string Create(string objectJson, string uid = "uid-1", bool dryRun = false) =>
        Envelope("CREATE", uid, objectJson, null, dryRun);

    public static string Update(string objectJson, string oldObjectJson, string uid = "uid-1") =>
        Envelope("UPDATE", uid, objectJson, oldObjectJson, dryRun: false);

    public static string Envelope(string operation, string uid, string? objectJson, string? oldObjectJson, bool dryRun)
    {
        var obj = objectJson is null ? null : JsonNode.Parse(objectJson);
        var kind = (string?)(obj ?? JsonNode.Parse(oldObjectJson ?? "{}"))?["kind"] ?? "Pod";
        var meta = (obj ?? (oldObjectJson is null ? null : JsonNode.Parse(oldObjectJson)))?["metadata"];

        // request.kind as kube-apiserver derives it from the object's apiVersion.
        var apiVersion = (string?)(obj ?? JsonNode.Parse(oldObjectJson ?? "{}"))?["apiVersion"] ?? "v1";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
                ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = kind.ToLowerInvariant() + "s" },
                ["name"] = (string?)meta?["name"] ?? string.Empty,
                ["namespace"] = (string?)meta?["namespace"] ?? "default",
                ["operation"] = operation,
                ["userInfo"] = new JsonObject { ["username"] = "alice@example.com", ["groups"] = new JsonArray("system:authenticated") },
                ["object"] = obj,
                ["oldObject"] = oldObjectJson is null ? null : JsonNode.Parse(oldObjectJson),
                ["dryRun"] = dryRun,
            },
        };
        return review.ToJsonString();
    }

    /// <summary>The object with an annotation added to its own metadata (as <c>kubectl annotate</c> does).</summary>
    public static string Annotate(string objectJson, string key, string value)
    {
        var obj = JsonNode.Parse(objectJson)!.AsObject();
        var metadata = obj["metadata"]!.AsObject();
        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            metadata["annotations"] = annotations;
        }

        annotations[key] = value;
        return obj.ToJsonString();
    }

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
