using System.Text.Json.Nodes;
using AcrGuard.Testing;

namespace AcrGuard.LoadDriver;

/// <summary>
/// The fixed mix of requests, built from docs/examples with the repository's own loader. Each
/// expected verdict is what <c>acrguard check</c> says of the example, under the default
/// configuration and under docs/config.example.yaml alike, so a configuration reload of the
/// kind test/load/reload.sh makes does not change any of them.
/// </summary>
internal static class ReviewMix
{
    private const string Enforce = "/validate/enforce";
    private const string Audit = "/validate/audit";

    public static IReadOnlyList<ReviewCase> Build(string examples)
    {
        string Doc(string file, int index = 0)
        {
            var path = Path.Combine(examples, file);
            return AdmissionReviewBodies.Json(File.ReadAllText(path), index, path);
        }

        var misplaced = Doc("bad/misplaced-on-deployment.yaml");
        var runningPod = WithoutAnnotations(Doc("bad/copied-from-the-docs.yaml"));
        // As `kubectl annotate` does to a live object: what AG004 exists to catch on a Pod.
        var annotatedPod = AdmissionReviewBodies.Annotate(runningPod, "k8s.aliyun.com/acr-service-arns", "acs:ram::1609982529123456:role/acr-test");
        return
        [
            ReviewCase.Review("deployment-same-account", Enforce, ReviewEnvelope.Create(Doc("good/same-account-role.yaml")), allowed: true, warnings: false),
            ReviewCase.Review("deployment-cross-account", Enforce, ReviewEnvelope.Create(Doc("good/cross-account.yaml")), allowed: true, warnings: false),
            ReviewCase.Review("imagecache-cross-account", Enforce, ReviewEnvelope.Create(Doc("good/cross-account.yaml", 1)), allowed: true, warnings: false),
            ReviewCase.Review("deployment-custom-domain-update", Enforce, ReviewEnvelope.Update(Doc("good/custom-domain.yaml"), Doc("good/custom-domain.yaml")), allowed: true, warnings: false),
            ReviewCase.Review("cronjob", Enforce, ReviewEnvelope.Create(Doc("good/cronjob-personal-edition.yaml")), allowed: true, warnings: false),
            ReviewCase.Review("configmap", Enforce, ReviewEnvelope.Create(Doc("good/cronjob-personal-edition.yaml", 1)), allowed: true, warnings: false),
            ReviewCase.Review("pod-create", Enforce, ReviewEnvelope.Create(runningPod), allowed: true, warnings: false),
            ReviewCase.Review("deployment-misplaced-AG001", Enforce, ReviewEnvelope.Create(misplaced), allowed: false, warnings: false),
            ReviewCase.Review("deployment-misplaced-dry-run", Enforce, ReviewEnvelope.Create(misplaced, dryRun: true), allowed: false, warnings: false),
            ReviewCase.Review("deployment-misplaced-audit", Audit, ReviewEnvelope.Create(misplaced), allowed: true, warnings: true),
            ReviewCase.Review("deployment-misplaced-delete", Enforce, ReviewEnvelope.Delete(misplaced), allowed: true, warnings: false),
            ReviewCase.Review("statefulset-AG002", Enforce, ReviewEnvelope.Create(Doc("bad/cross-account-without-service-role.yaml")), allowed: false, warnings: false),
            ReviewCase.Review("imagecache-AG012", Enforce, ReviewEnvelope.Create(Doc("bad/imagecache-secrets.yaml")), allowed: false, warnings: false),
            ReviewCase.Review("job-AG007", Enforce, ReviewEnvelope.Create(Doc("bad/misspelt-key.yaml")), allowed: false, warnings: false),
            ReviewCase.Review("pod-AG005-AG006", Enforce, ReviewEnvelope.Create(Doc("bad/copied-from-the-docs.yaml")), allowed: false, warnings: false),
            ReviewCase.Review("pod-annotated-AG004", Enforce, ReviewEnvelope.Update(annotatedPod, runningPod), allowed: false, warnings: false),
            ReviewCase.Review("daemonset-AG008-warning", Enforce, ReviewEnvelope.Create(Doc("bad/warnings.yaml")), allowed: true, warnings: true),
            ReviewCase.Review("replicationcontroller-AG013-warning", Enforce, ReviewEnvelope.Create(Doc("bad/warnings.yaml", 1)), allowed: true, warnings: true),
            ReviewCase.BadBody("not-json", "application/json", "this is not JSON"),
            ReviewCase.BadBody("no-request", "application/json", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}"""),
            ReviewCase.BadBody("wrong-content-type", "text/plain", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}"""),
        ];
    }

    // The pod as it runs before anyone annotates it: the example's masked values removed.
    private static string WithoutAnnotations(string objectJson)
    {
        var obj = JsonNode.Parse(objectJson)!.AsObject();
        obj["metadata"]!.AsObject().Remove("annotations");
        return obj.ToJsonString();
    }
}
