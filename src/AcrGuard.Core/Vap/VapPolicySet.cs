using System.Text.Json.Nodes;
using AcrGuard.Rules;

namespace AcrGuard.Vap;

/// <summary>What <c>acrguard vap</c> writes: the policies and bindings, and the rules left to the webhook.</summary>
public sealed class VapPolicySet(IReadOnlyList<JsonObject> documents, IReadOnlyList<RuleDescriptor> leftToWebhook)
{
    /// <summary>The ValidatingAdmissionPolicies, then their ValidatingAdmissionPolicyBindings.</summary>
    public IReadOnlyList<JsonObject> Documents { get; } = documents;

    /// <summary>The rules the configuration leaves on that no policy enforces.</summary>
    public IReadOnlyList<RuleDescriptor> LeftToWebhook { get; } = leftToWebhook;
}
