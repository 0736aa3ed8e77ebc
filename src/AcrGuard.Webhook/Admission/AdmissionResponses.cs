using AcrGuard.Findings;

namespace AcrGuard.Webhook.Admission;

/// <summary>The answers a webhook gives, as controller-runtime names them; every one echoes the uid.</summary>
public static class AdmissionResponses
{
    public static AdmissionResponse Allowed(string uid) => new(uid, Allowed: true);

    /// <summary>403 Forbidden: kube-apiserver refuses the object and shows the message to the user.</summary>
    public static AdmissionResponse Denied(string uid, string message) =>
        new(uid, Allowed: false) { Status = new AdmissionStatus(403, "Forbidden", message) };

    /// <summary>The webhook could not judge the request (a bad request, a fault): not allowed, with the code.</summary>
    public static AdmissionResponse Errored(string uid, int code, string message) =>
        new(uid, Allowed: false) { Status = new AdmissionStatus(code, Reason(code), message) };

    public static AdmissionResponse WithWarnings(this AdmissionResponse response, IReadOnlyList<string> warnings) =>
        warnings.Count == 0 ? response : response with { Warnings = warnings };

    // metav1.StatusReason names for the codes AcrGuard answers with.
    private static string Reason(int code) => code switch
    {
        408 => "Timeout",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        429 => "TooManyRequests",
        >= 500 => "InternalError",
        _ => "BadRequest",
    };

    /// <summary>Every error finding with its rule id, message and path, in the order the rules found them.</summary>
    public static string DenialMessage(Verdict verdict)
    {
        var parts = new List<string>(verdict.Errors);
        foreach (var finding in verdict.Findings)
        {
            if (finding.Severity == FindingSeverity.Error)
            {
                parts.Add($"{finding.Message} (at {finding.Path})");
            }
        }

        return string.Join("; ", parts);
    }
}
