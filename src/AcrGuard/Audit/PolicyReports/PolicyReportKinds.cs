namespace AcrGuard.Audit.PolicyReports;

/// <summary>
/// The report resources of the Kubernetes Policy WG (wgpolicyk8s.io/v1alpha2), the ones Policy
/// Reporter and Kyverno's tooling read.
/// </summary>
public static class PolicyReportKinds
{
    public const string Name = "acrguard";

    /// <summary>Marks the reports this tool writes, so it deletes only its own.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    public static readonly AuditedKind PolicyReports = new("wgpolicyk8s.io", "v1alpha2", "policyreports", "PolicyReport", Namespaced: true, CanOwn: false);

    public static readonly AuditedKind ClusterPolicyReports = new("wgpolicyk8s.io", "v1alpha2", "clusterpolicyreports", "ClusterPolicyReport", Namespaced: false, CanOwn: false);
}
