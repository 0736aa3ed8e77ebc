using AcrGuard.Rules;

namespace AcrGuard.Vap;

/// <summary>Which rules <c>acrguard vap</c> enforces (<c>acrguard rules</c>' <c>vap</c> column); the rest only the webhook and <c>check</c> apply.</summary>
public static class VapCoverage
{
    public static bool Covers(RuleDescriptor rule) => VapRules.All.Any(r => r.Rule.Id == rule.Id);
}
