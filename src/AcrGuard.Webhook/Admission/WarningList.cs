using System.Text;
using AcrGuard.Findings;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// The warnings of a verdict within kube-apiserver's limits (k8s.io/apiserver/pkg/warning): each
/// under 256 characters, 4 KiB in all. Past the budget the rest are left out, in the order found;
/// the <c>Warned</c> log line names only the rule ids, so the full list is what <c>acrguard check</c>
/// says of the same object.
/// </summary>
public static class WarningList
{
    public const int MaxTotalBytes = 4096;

    public static IReadOnlyList<string> From(Verdict verdict)
    {
        if (verdict.Warnings == 0)
        {
            return [];
        }

        var warnings = new List<string>(verdict.Warnings);
        var budget = MaxTotalBytes;
        foreach (var finding in verdict.Findings)
        {
            if (finding.Severity != FindingSeverity.Warning)
            {
                continue;
            }

            var text = MessageText.Clamp(finding.WarningText);
            budget -= Encoding.UTF8.GetByteCount(text);
            if (budget < 0)
            {
                break;
            }

            warnings.Add(text);
        }

        return warnings;
    }
}
