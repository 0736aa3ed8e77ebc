using System.Text.Json.Nodes;
using AcrGuard.Manifests;

namespace AcrGuard.Testing;

/// <summary>
/// AdmissionReview bodies as kube-apiserver sends them, around an object's JSON. The webhook's
/// tests and the load driver both send these, so that both send the same shape.
/// </summary>
public static class AdmissionReviewBodies
{
    /// <summary>One document of a YAML manifest as JSON text, read with the repository's own loader.</summary>
    public static string Json(string yaml, int document = 0, string source = "test.yaml")
    {
        // Each document is valid only until the loader moves on: read it in place.
        var index = 0;
        foreach (var doc in ManifestLoader.Load(source, yaml))
        {
            if (index++ == document)
            {
                return doc.Root.GetRawText();
            }
        }

        throw new ArgumentOutOfRangeException(nameof(document), $"{source} has {index} documents, not {document + 1}");
    }

    public static string Envelope(string operation, string uid, string? objectJson, string? oldObjectJson, bool dryRun)
    {
        var obj = objectJson is null ? null : JsonNode.Parse(objectJson);
        var old = oldObjectJson is null ? null : JsonNode.Parse(oldObjectJson);
        var subject = obj ?? old;
        var kind = (string?)subject?["kind"] ?? "Pod";

        // request.kind as kube-apiserver derives it from the object's apiVersion.
        var apiVersion = (string?)subject?["apiVersion"] ?? "v1";
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
                ["name"] = (string?)subject?["metadata"]?["name"] ?? string.Empty,
                ["namespace"] = (string?)subject?["metadata"]?["namespace"] ?? "default",
                ["operation"] = operation,
                ["userInfo"] = new JsonObject { ["username"] = "alice@example.com", ["groups"] = new JsonArray("system:authenticated") },
                ["object"] = obj,
                ["oldObject"] = old,
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
}
