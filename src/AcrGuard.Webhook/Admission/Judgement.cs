using AcrGuard.Configuration;
using AcrGuard.Findings;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// What judges a decoded request: the rules (<see cref="AdmissionReviewer.Judge"/>), the namespace
/// guard (<see cref="NamespaceGuard.Judgement"/>), or in tests a rule that throws.
/// </summary>
public delegate ReviewResult Judgement(AdmissionRequest request, Evaluator evaluator, EnforcementMode mode);
