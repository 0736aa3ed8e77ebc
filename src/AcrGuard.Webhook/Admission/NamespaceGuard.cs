using AcrGuard.Configuration;
using AcrGuard.Findings;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// The guard of the mode label (<c>POST /validate/namespace</c>), body in, answer out, like
/// <see cref="AdmissionReviewer"/>. <c>acrguard.io/mode: audit</c> turns enforcement into warnings
/// in a namespace, so setting it, or changing it to audit, on a CREATE or UPDATE is allowed only to
/// the users and groups of <c>modeLabel</c>. Removing the label (back to enforce), keeping it, and
/// every other namespace change pass; a dry run gets the same verdict.
/// </summary>
public static class NamespaceGuard
{
    /// <summary>The guard is a failurePolicy Fail webhook: its answers count as enforcing.</summary>
    private const EnforcementMode Mode = EnforcementMode.Enforce;

    /// <summary>The guard as a judgement of <see cref="AdmissionReviewer"/>: the configuration's <c>modeLabel</c> decides.</summary>
    public static readonly Judgement Judgement = (request, evaluator, _) => Judge(request, evaluator.Config.ModeLabel);

    /// <summary>A review by the guard, on the path every review takes (the mode is always enforce).</summary>
    public static ReviewResult Review(ReadOnlyMemory<byte> body, Evaluator evaluator) =>
        AdmissionReviewer.Review(body, evaluator, Mode, Judgement);

    /// <summary>The guard's verdict on a decoded review.</summary>
    public static ReviewResult Judge(AdmissionRequest request, ModeLabelPolicy policy)
    {
        if (request.Kind != "Namespace")
        {
            // A webhook configuration that routes other kinds here is wrong: say so rather than admit them unguarded.
            return AdmissionReviewer.Bad(request.Uid, $"/validate/namespace reviews Namespaces, not {(request.Kind.Length == 0 ? "a review without request.kind" : request.Kind)}: send workloads to /validate, /validate/enforce or /validate/audit", Mode);
        }

        return JudgeLabel(request, policy);
    }

    private static ReviewResult JudgeLabel(AdmissionRequest request, ModeLabelPolicy policy)
    {
        if (request.Operation is not (AdmissionOperation.Create or AdmissionOperation.Update) || request.NewObject is not { } admitted)
        {
            return Answer(request, AdmissionResponses.Allowed(request.Uid), downgrade: false);
        }

        string? now, before;
        try
        {
            now = NamespaceModeLabel.Read(admitted.Json.Span, "request.object");
            before = request.OldObject is { } old ? NamespaceModeLabel.Read(old.Json.Span, "request.oldObject") : null;
        }
        catch (BadReviewException e)
        {
            var unreadable = AdmissionResponses.Errored(request.Uid, 400, $"AcrGuard cannot read the Namespace: {e.Message}");
            return Answer(request, unreadable, downgrade: false) with { Problem = e.Message };
        }

        var downgrade = now == ModeLabelPolicy.AuditValue && before != ModeLabelPolicy.AuditValue;
        if (!downgrade || policy.Allows(request.User, request.Groups))
        {
            return Answer(request, AdmissionResponses.Allowed(request.Uid), downgrade);
        }

        var message =
            $"{ModeLabelPolicy.Label}: {ModeLabelPolicy.AuditValue} turns AcrGuard's enforcement into warnings in namespace {MessageText.Quote(request.Name)}: " +
            $"only {policy.DescribeAllowed()} may set it (modeLabel in AcrGuard's configuration), " +
            $"not {MessageText.Quote(request.User)}{Groups(request.Groups)}";
        return Answer(request, AdmissionResponses.Denied(request.Uid, message), downgrade);
    }

    private static ReviewResult Answer(AdmissionRequest request, AdmissionResponse response, bool downgrade) =>
        new(200, new AdmissionReviewAnswer(response)) { Request = request, Mode = Mode, ModeDowngrade = downgrade };

    private static string Groups(IReadOnlyList<string> groups) =>
        groups.Count == 0 ? " (no groups)" : $" (groups {string.Join(", ", groups)})";
}
