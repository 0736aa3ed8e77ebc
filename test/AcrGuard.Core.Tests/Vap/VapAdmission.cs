using System.Text.Json.Nodes;
using AcrGuard.Vap;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>A request as kube-apiserver's admission sees it: the operation, the objects and, for a namespaced object, its namespace's labels.</summary>
internal sealed record VapRequest(string Operation, JsonObject Object, JsonObject? OldObject, IReadOnlyDictionary<string, string>? NamespaceLabels);

/// <summary>A validation that failed, through one binding: what kube-apiserver does with it is the binding's actions.</summary>
internal sealed record VapFailure(string Binding, IReadOnlyList<string> Actions, string Message)
{
    public string Rule => Message.Split(' ')[0];

    public bool Denies => Actions.Contains("Deny");
}

/// <summary>
/// What kube-apiserver's ValidatingAdmissionPolicy plugin does with the generated objects, as its
/// documentation describes it: for each binding, the policy's matchConstraints and the binding's
/// matchResources select the request, the matchConditions must all hold, then every validation
/// is evaluated with the policy's variables. An expression that errors or yields the wrong type
/// fails the test: kube-apiserver would apply the failurePolicy to it.
/// </summary>
internal static class VapAdmission
{
    public static IReadOnlyList<VapFailure> Review(VapPolicySet set, VapRequest request)
    {
        var policies = set.Documents.Where(d => Text(d, "kind") == "ValidatingAdmissionPolicy").ToDictionary(d => Text(d["metadata"], "name"));
        var failures = new List<VapFailure>();
        foreach (var binding in set.Documents.Where(d => Text(d, "kind") == "ValidatingAdmissionPolicyBinding"))
        {
            var spec = binding["spec"]!;
            var policy = policies[Text(spec, "policyName")]["spec"]!;
            if (!Matches(policy["matchConstraints"]!["resourceRules"]!.AsArray(), request)
                || !MatchesResources(spec["matchResources"], request)
                || !Conditions(policy, request))
            {
                continue;
            }

            var actions = spec["validationActions"]!.AsArray().Select(a => (string)a!).ToList();
            foreach (var message in Validate(policy, request))
            {
                failures.Add(new VapFailure(Text(binding["metadata"], "name"), actions, message));
            }
        }

        return failures;
    }

    private static bool Conditions(JsonNode policy, VapRequest request)
    {
        var variables = Variables(request, null);
        foreach (var condition in policy["matchConditions"]?.AsArray() ?? [])
        {
            if (!Bool(Evaluate(Text(condition, "expression"), variables, $"matchCondition {Text(condition, "name")}")))
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> Validate(JsonNode policy, VapRequest request)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var variables = Variables(request, values);
        foreach (var variable in policy["variables"]?.AsArray() ?? [])
        {
            var name = Text(variable, "name");
            values[name] = Evaluate(Text(variable, "expression"), variables, $"variable {name}");
        }

        var messages = new List<string>();
        foreach (var validation in policy["validations"]!.AsArray())
        {
            if (Bool(Evaluate(Text(validation, "expression"), variables, "validation")))
            {
                continue;
            }

            var message = Evaluate(Text(validation, "messageExpression"), variables, "messageExpression");
            messages.Add(message as string ?? throw new AssertionException($"messageExpression yields {message}, not a string: {Text(validation, "messageExpression")}"));
        }

        return messages;
    }

    private static Dictionary<string, object?> Variables(VapRequest request, Dictionary<string, object?>? values)
    {
        var (group, version) = GroupVersion(request.Object);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["object"] = CelValues.Of(request.Object),
            ["oldObject"] = CelValues.Of(request.OldObject),
            ["request"] = new Dictionary<string, object?>
            {
                ["operation"] = request.Operation,
                ["kind"] = new Dictionary<string, object?> { ["group"] = group, ["version"] = version, ["kind"] = Text(request.Object, "kind") },
                ["dryRun"] = false,
            },
            ["variables"] = values ?? [],
        };
    }

    private static object? Evaluate(string expression, Dictionary<string, object?> variables, string what)
    {
        object? result;
        try
        {
            result = CelPrograms.Compile(expression)(variables);
        }
        catch (Exception e) when (e is not AssertionException)
        {
            throw new AssertionException($"{what} fails ({e.GetType().Name}: {e.Message}); kube-apiserver would apply the failurePolicy: {expression}");
        }

        if (CelValues.HasMissingField(result))
        {
            throw new AssertionException($"{what} selects a field that is not there, an error in kube-apiserver: {expression}");
        }

        return result;
    }

    private static bool Bool(object? value) => value as bool? ?? throw new AssertionException($"an expression yields {value ?? "null"}, not a boolean");

    private static bool Matches(JsonArray rules, VapRequest request)
    {
        var (group, version) = GroupVersion(request.Object);
        var kind = Text(request.Object, "kind");
        var known = VapKinds.BuiltIn.FirstOrDefault(k => k.Group == group && k.Kind == kind);
        var resource = known?.Resource ?? kind.ToLowerInvariant() + "s";
        var scope = known?.IsClusterScoped == true ? "Cluster" : "Namespaced";
        return rules.Any(rule =>
            Has(rule!["apiGroups"], group) && Has(rule["apiVersions"], version) && Has(rule["resources"], resource)
            && Has(rule["operations"], request.Operation) && (Text(rule, "scope") is "*" || Text(rule, "scope") == scope));
    }

    // A namespace selector never leaves out a cluster-scoped object (the binding's API reference).
    private static bool MatchesResources(JsonNode? resources, VapRequest request)
    {
        if (resources is null)
        {
            return true;
        }

        if (resources["excludeResourceRules"] is JsonArray excluded && Matches(excluded, request))
        {
            return false;
        }

        return request.NamespaceLabels is not { } labels || resources["namespaceSelector"] is not { } selector || Selects(selector, labels);
    }

    private static bool Selects(JsonNode selector, IReadOnlyDictionary<string, string> labels) =>
        (selector["matchExpressions"]?.AsArray() ?? []).All(e =>
        {
            var present = labels.TryGetValue(Text(e, "key"), out var value);
            var values = e!["values"]?.AsArray().Select(v => (string)v!).ToList() ?? [];
            return Text(e, "operator") switch
            {
                "In" => present && values.Contains(value!),
                "NotIn" => !present || !values.Contains(value!),
                "Exists" => present,
                "DoesNotExist" => !present,
                var other => throw new AssertionException($"unknown selector operator {other}"),
            };
        });

    private static bool Has(JsonNode? list, string value) => list!.AsArray().Any(v => (string)v! == value || (string)v! == "*");

    private static (string Group, string Version) GroupVersion(JsonObject obj)
    {
        var apiVersion = Text(obj, "apiVersion");
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    private static string Text(JsonNode? node, string property) => (string?)node?[property] ?? throw new AssertionException($"no {property} in {node?.ToJsonString()}");
}
