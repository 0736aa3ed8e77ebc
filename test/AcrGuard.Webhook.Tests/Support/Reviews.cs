using System.Text.Json;
using AcrGuard.Testing;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>AdmissionReview bodies as kube-apiserver sends them, around the shipped example manifests.</summary>
internal static class Reviews
{
    public static string Example(string relativePath, int document = 0) =>
        AdmissionReviewBodies.Json(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", relativePath)), document);

    public static string Sample(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reviews", name));

    public static string Create(string objectJson, string uid = "uid-1", bool dryRun = false) =>
        AdmissionReviewBodies.Envelope("CREATE", uid, objectJson, null, dryRun);

    public static string Update(string objectJson, string oldObjectJson, string uid = "uid-1") =>
        AdmissionReviewBodies.Envelope("UPDATE", uid, objectJson, oldObjectJson, dryRun: false);

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
