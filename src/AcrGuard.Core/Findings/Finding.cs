namespace AcrGuard.Findings;

/// <summary>
/// One thing a rule found: its id, the final severity after configuration, mode, ratcheting and
/// ownership, the path in the object, and a one-line message that starts with the rule id.
/// </summary>
public sealed record Finding(string Rule, FindingSeverity Severity, string Path, string Message)
{
    /// <summary>Kube-apiserver truncates longer warnings (k8s.io/apiserver/pkg/warning).</summary>
    public const int MaxMessageLength = 255;

    /// <summary>The old object of an UPDATE had the same finding: reported, never denied (ratcheting).</summary>
    public bool PreExisting { get; init; }

    /// <summary>The object was stamped out by a controller from a template judged at its workload.</summary>
    public bool ControllerOwned { get; init; }

    /// <summary>The message as a warning: the reason it does not deny, when it was demoted, follows the rule id.</summary>
    public string WarningText
    {
        get
        {
            var why = PreExisting ? " (pre-existing)" : ControllerOwned ? " (controller-owned)" : null;
            if (why is null || !Message.StartsWith(Rule, StringComparison.Ordinal))
            {
                return Message;
            }

            return MessageText.Clamp(string.Concat(Rule, why, Message.AsSpan(Rule.Length)));
        }
    }
}
