using System.Text.Json;
using AcrGuard.Testing;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>AdmissionReview bodies as kube-apiserver sends them, around the shipped example manifests.</summary>
internal static class Reviews
{
    public static string Example(string relativePath, int document = 0) =>
        Json(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", relativePath)), document);

    public static string Sample(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reviews", name));

    /// <summary>One document of a YAML manifest as JSON text.</summary>
    public static string Json(string yaml, int document = 0) => AdmissionReviewBodies.Json(yaml, document);

    public static string Create(string objectJson, string uid = "uid-1", bool dryRun = false) =>
        Envelope("CREATE", uid, objectJson, null, dryRun);

    public static string Update(string objectJson, string oldObjectJson, string uid = "uid-1") =>
        Envelope("UPDATE", uid, objectJson, oldObjectJson, dryRun: false);

    public static string Envelope(string operation, string uid, string? objectJson, string? oldObjectJson, bool dryRun) =>
        AdmissionReviewBodies.Envelope(operation, uid, objectJson, oldObjectJson, dryRun);

    /// <summary>The object with an annotation added to its own metadata (as <c>kubectl annotate</c> does).</summary>
    public static string Annotate(string objectJson, string key, string value) => AdmissionReviewBodies.Annotate(objectJson, key, value);

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
