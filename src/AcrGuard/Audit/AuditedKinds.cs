using AcrGuard.Workloads;

namespace AcrGuard.Audit;

/// <summary>The built-in kinds as the audit lists them: the kind table's rows, in its order.</summary>
public static class AuditedKinds
{
    /// <summary>
    /// Owners before what they own (<see cref="ObjectKind.BuiltIn"/>), so an owned object can be
    /// folded into its owner as it is read, from the owners' uids alone. The configured workload
    /// kinds (<see cref="ConfiguredKinds"/>) are listed before all of these, as they make
    /// ReplicaSets, Jobs and Pods.
    /// </summary>
    public static readonly IReadOnlyList<AuditedKind> BuiltIn = [.. ObjectKind.BuiltIn.Select(k => new AuditedKind(k.Group, k.Version, k.Resource, k.Name, k.Namespaced, k.OwnsObjects))];
}
