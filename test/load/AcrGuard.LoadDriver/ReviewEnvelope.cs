using AcrGuard.Testing;

namespace AcrGuard.LoadDriver;

/// <summary>AdmissionReview bodies as kube-apiserver sends them, with the uid left as a placeholder.</summary>
internal static class ReviewEnvelope
{
    public static string Create(string objectJson, bool dryRun = false) => Build("CREATE", objectJson, null, dryRun);

    public static string Update(string objectJson, string oldObjectJson) => Build("UPDATE", objectJson, oldObjectJson, dryRun: false);

    public static string Delete(string oldObjectJson) => Build("DELETE", null, oldObjectJson, dryRun: false);

    private static string Build(string operation, string? objectJson, string? oldObjectJson, bool dryRun) =>
        AdmissionReviewBodies.Envelope(operation, ReviewCase.UidPlaceholder, objectJson, oldObjectJson, dryRun);
}
