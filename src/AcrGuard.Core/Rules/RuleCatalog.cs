using AcrGuard.Configuration;

namespace AcrGuard.Rules;

/// <summary>
/// Every rule with its default severity (error, warning or off), as docs/rules.md and the design's
/// rule catalogue list them; <c>CatalogueConsistencyTests</c> proves the three name the same rules.
/// </summary>
public static class RuleCatalog
{
    public static readonly RuleDescriptor AG001 = new(
        "AG001", RuleSeverity.Error, "ACR pull annotation on a workload's own metadata",
        "ECI reads pull annotations from the pod, so on a workload they belong in the pod template; on the workload's metadata ECI never sees them.");

    public static readonly RuleDescriptor AG002 = new(
        "AG002", RuleSeverity.Error, "acr-user-arns without acr-service-arns",
        "A cross-account pull needs the ECI-side role in acr-service-arns to assume the ACR-side role in acr-user-arns.");

    public static readonly RuleDescriptor AG003 = new(
        "AG003", RuleSeverity.Error, "Custom-domain image without its instance id",
        "An ACR Enterprise image on a custom domain is pulled without a secret only if acr-instance-ids names its instance.");

    public static readonly RuleDescriptor AG004 = new(
        "AG004", RuleSeverity.Error, "ACR pull annotation changed on a live Pod or ImageCache",
        "ECI reads pull annotations once, at creation; adding, changing or removing them later does nothing.");

    public static readonly RuleDescriptor AG005 = new(
        "AG005", RuleSeverity.Error, "Malformed RAM role ARN",
        "Each item must be acs:ram::<account digits>:role/<role name>; empty items and masked digits never work.");

    public static readonly RuleDescriptor AG006 = new(
        "AG006", RuleSeverity.Error, "Malformed ACR instance id",
        "Each item must be cri-<id>, optionally prefixed with its region (cn-beijing:cri-<id>).");

    public static readonly RuleDescriptor AG007 = new(
        "AG007", RuleSeverity.Error, "Misspelt ACR pull annotation key",
        "ECI ignores an annotation key it does not know, silently: the pull falls back to no annotation.");

    public static readonly RuleDescriptor AG008 = new(
        "AG008", RuleSeverity.Warning, "ACR pull annotations with no ACR image",
        "Every image is on a registry that is not ACR, where secret-free pulls do not apply: the annotations have no effect.");

    public static readonly RuleDescriptor AG009 = new(
        "AG009", RuleSeverity.Warning, "Cross-account roles in one account",
        "acr-user-arns and acr-service-arns name the same account: the cross-account set-up is pointless or a mistake.");

    public static readonly RuleDescriptor AG010 = new(
        "AG010", RuleSeverity.Warning, "Possible custom domain without instance id",
        "Role ARNs are set but no instance id, and an image is on an unknown host: if it is an Enterprise custom domain, acr-instance-ids is missing.");

    public static readonly RuleDescriptor AG011 = new(
        "AG011", RuleSeverity.Off, "Pull annotations on a pod with no ECI marker",
        "Only ECI reads these annotations; a pod with no visible ECI marker may be scheduled on a normal node.");

    public static readonly RuleDescriptor AG012 = new(
        "AG012", RuleSeverity.Error, "Malformed ImageCache imagePullSecrets item",
        "ImageCache names each pull secret as namespace:name.");

    public static readonly RuleDescriptor AG013 = new(
        "AG013", RuleSeverity.Warning, "Legacy acr-instance-id key",
        "The singular key comes from older ACK Serverless docs and may not be honoured: use acr-instance-ids.");

    public static readonly IReadOnlyList<RuleDescriptor> All =
        [AG001, AG002, AG003, AG004, AG005, AG006, AG007, AG008, AG009, AG010, AG011, AG012, AG013];

    public static RuleDescriptor? Find(string id)
    {
        foreach (var rule in All)
        {
            if (rule.Id == id)
            {
                return rule;
            }
        }

        return null;
    }
}
