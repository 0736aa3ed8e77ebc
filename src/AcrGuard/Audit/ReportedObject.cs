using AcrGuard.Findings;
using AcrGuard.Workloads;

namespace AcrGuard.Audit;

/// <summary>An object with findings and what PolicyReports need beyond the check report: its uid.</summary>
public sealed record ReportedObject(ObjectIdentity Identity, string Uid, Verdict Verdict);
