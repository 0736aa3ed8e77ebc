using System.Text.Json.Nodes;
using AcrGuard.Configuration;

namespace AcrGuard.Vap;

/// <summary>A ValidatingAdmissionPolicyBinding: a policy, its actions, and the namespaces it applies in, as deploy/'s webhooks select them.</summary>
internal static class VapBinding
{
    /// <param name="name">The binding's name.</param>
    /// <param name="policy">The policy it binds.</param>
    /// <param name="actions">Deny; Warn and Audit; or Warn.</param>
    /// <param name="audit">true: namespaces labelled <c>acrguard.io/mode: audit</c>; false: the others; null: both.</param>
    /// <param name="imageCaches">Whether ImageCaches (cluster-scoped: no namespace selector leaves them out) go through this binding.</param>
    public static JsonObject Build(string name, string policy, IReadOnlyList<string> actions, bool? audit, bool imageCaches)
    {
        var expressions = new JsonArray();
        if (audit is { } labelled)
        {
            expressions.Add((JsonNode)new JsonObject
            {
                ["key"] = ModeLabelPolicy.Label,
                ["operator"] = labelled ? "In" : "NotIn",
                ["values"] = VapPolicy.Strings([ModeLabelPolicy.AuditValue]),
            });
        }

        // kubernetes.io/metadata.name: set by kube-apiserver on every namespace (1.22+).
        expressions.Add((JsonNode)new JsonObject
        {
            ["key"] = "kubernetes.io/metadata.name",
            ["operator"] = "NotIn",
            ["values"] = VapPolicy.Strings(VapNames.ExcludedNamespaces),
        });
        var resources = new JsonObject { ["namespaceSelector"] = new JsonObject { ["matchExpressions"] = expressions } };
        if (!imageCaches)
        {
            resources["excludeResourceRules"] = new JsonArray((JsonNode)new JsonObject
            {
                ["apiGroups"] = VapPolicy.Strings(["eci.alibabacloud.com"]),
                ["apiVersions"] = VapPolicy.Strings(["v1"]),
                ["resources"] = VapPolicy.Strings(["imagecaches"]),
                ["operations"] = VapPolicy.Strings(["CREATE", "UPDATE"]),
                ["scope"] = "Cluster",
            });
        }

        return new JsonObject
        {
            ["apiVersion"] = VapGenerator.ApiVersion,
            ["kind"] = "ValidatingAdmissionPolicyBinding",
            ["metadata"] = VapPolicy.Metadata(name),
            ["spec"] = new JsonObject
            {
                ["policyName"] = policy,
                ["validationActions"] = VapPolicy.Strings(actions),
                ["matchResources"] = resources,
            },
        };
    }
}
