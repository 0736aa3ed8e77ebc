namespace AcrGuard.Configuration;

/// <summary>
/// Who may set <c>acrguard.io/mode: audit</c> on a namespace (the configuration's <c>modeLabel</c>):
/// that label turns enforcement into warnings there, so it is a downgrade only some may make.
/// </summary>
public sealed class ModeLabelPolicy
{
    /// <summary>The namespace label that chooses a namespace's mode; <see cref="AuditValue"/> audits it.</summary>
    public const string Label = "acrguard.io/mode";

    public const string AuditValue = EnforcementModeNames.Audit;

    public ModeLabelPolicy(IReadOnlyList<string> allowedUsers, IReadOnlyList<string> allowedGroups)
    {
        AllowedUsers = allowedUsers;
        AllowedGroups = allowedGroups;
    }

    /// <summary>
    /// Cluster administrators only: system:masters is the group of the kubeconfig a cluster is
    /// installed with, and what most managed clusters (ACK included) give their administrators.
    /// </summary>
    public static ModeLabelPolicy Default { get; } = new([], ["system:masters"]);

    public IReadOnlyList<string> AllowedUsers { get; }

    public IReadOnlyList<string> AllowedGroups { get; }

    /// <summary>Whether the user (request.userInfo) may set the label to audit; names compare exactly, as RBAC does.</summary>
    public bool Allows(string user, IReadOnlyList<string> groups)
    {
        if (AllowedUsers.Contains(user, StringComparer.Ordinal))
        {
            return true;
        }

        foreach (var group in groups)
        {
            if (AllowedGroups.Contains(group, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Who may set it, for a denial: "users alice; groups system:masters", or "nobody".</summary>
    public string DescribeAllowed()
    {
        var parts = new List<string>(2);
        if (AllowedUsers.Count > 0)
        {
            parts.Add($"users {string.Join(", ", AllowedUsers)}");
        }

        if (AllowedGroups.Count > 0)
        {
            parts.Add($"groups {string.Join(", ", AllowedGroups)}");
        }

        return parts.Count == 0 ? "nobody (modeLabel lists no users or groups)" : string.Join("; ", parts);
    }
}
