using System.Text.Json.Nodes;

namespace AcrGuard.Vap;

/// <summary>A ValidatingAdmissionPolicy: the kinds and operations of deploy/'s webhooks, and one scope's variables and validations.</summary>
internal static class VapPolicy
{
    public static JsonObject Build(string name, string failurePolicy, IReadOnlyList<VapKind> kinds, VapScope scope) => new()
    {
        ["apiVersion"] = VapGenerator.ApiVersion,
        ["kind"] = "ValidatingAdmissionPolicy",
        ["metadata"] = Metadata(name),
        ["spec"] = new JsonObject
        {
            ["failurePolicy"] = failurePolicy,
            ["matchConstraints"] = new JsonObject
            {
                ["matchPolicy"] = "Equivalent",
                ["resourceRules"] = ResourceRules(kinds),
            },
            ["matchConditions"] = MatchConditions(kinds),
            ["variables"] = new JsonArray([.. scope.Variables.Select(v => (JsonNode)new JsonObject { ["name"] = v.Name, ["expression"] = v.Expression })]),
            ["validations"] = new JsonArray([.. scope.Validations.Select(v => (JsonNode)new JsonObject
            {
                ["expression"] = v.Expression,
                ["messageExpression"] = v.MessageExpression,

                // 403, as the webhook denies: kubectl says "is forbidden", not "is invalid".
                ["reason"] = "Forbidden",
            })]),
        },
    };

    public static JsonObject Metadata(string name) => new()
    {
        ["name"] = name,
        ["labels"] = new JsonObject
        {
            ["app.kubernetes.io/name"] = "acrguard",
            ["app.kubernetes.io/part-of"] = "acrguard",
            ["app.kubernetes.io/component"] = "vap",
        },
    };

    /// <summary>
    /// CREATE and UPDATE of the kinds deploy/'s webhooks review, one rule per group and version. A
    /// configured kind is matched as <c>*</c> of its group and version (the configuration names its
    /// kind, not its resource), narrowed to the kind by the in-scope condition.
    /// </summary>
    public static JsonArray ResourceRules(IReadOnlyList<VapKind> kinds) =>
        new([.. kinds
            .GroupBy(k => (k.Group, k.Version, k.IsClusterScoped))
            .Select(g => (JsonNode)new JsonObject
            {
                ["apiGroups"] = Strings([g.Key.Group]),
                ["apiVersions"] = Strings([g.Key.Version]),
                ["resources"] = Strings(g.Select(k => k.Resource).Distinct()),
                ["operations"] = Strings(["CREATE", "UPDATE"]),
                ["scope"] = g.Key.IsClusterScoped ? "Cluster" : "Namespaced",
            })]);

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static JsonArray MatchConditions(IReadOnlyList<VapKind> kinds)
    {
        var type = "(object.apiVersion + '/' + object.kind)";
        var exempt = CelText.List(kinds.Where(k => k.IsExemptWhenOwned).Select(k => k.Type));
        var conditions = new JsonArray
        {
            (JsonNode)new JsonObject
            {
                ["name"] = "not-controller-owned",
                ["expression"] = $"object == null || !({type} in {exempt}) || !has(object.metadata.ownerReferences)"
                    + "\n|| !object.metadata.ownerReferences.exists(r, has(r.controller) && r.controller == true)",
            },
        };
        var configured = kinds.Where(k => k.IsConfigured).ToList();
        if (configured.Count > 0)
        {
            // Only the configured kinds of their groups, and only with a template (an Argo Rollout
            // with workloadRef has none: ConfiguredWorkload judges nothing there).
            var builtIn = CelText.List(kinds.Where(k => !k.IsConfigured).Select(k => k.Type));
            var withTemplate = configured.Select(k => $"({type} == {CelText.String(k.Type)} && {CelText.Has("object", k.Template)})");
            conditions.Add((JsonNode)new JsonObject
            {
                ["name"] = "in-scope",
                ["expression"] = $"object == null || {type} in {builtIn}\n|| {string.Join("\n|| ", withTemplate)}",
            });
        }

        return conditions;
    }
}
