using System.Text.Json;
using System.Text.Json.Nodes;
using Cel;
using YamlDotNet.RepresentationModel;

namespace AcrGuard.Deploy.Tests;

/// <summary>
/// A webhook's matchConditions as rendered, compiled with a CEL implementation (the Cel package)
/// and evaluated as kube-apiserver does before calling the webhook: the request reaches it only
/// when every condition is true. The variables are the JSON objects of the request, as maps and lists.
/// </summary>
internal sealed class MatchConditions
{
    private readonly IReadOnlyList<(string Name, string Expression, CelProgramDelegate Program)> conditions;

    private MatchConditions(IReadOnlyList<(string, string, CelProgramDelegate)> conditions) => this.conditions = conditions;

    public static MatchConditions Of(YamlNode webhook)
    {
        var environment = new CelEnvironment(null, null);
        var compiled = new List<(string, string, CelProgramDelegate)>();
        foreach (var condition in webhook.At("matchConditions").Items())
        {
            var expression = condition.Text("expression");
            compiled.Add((condition.Text("name"), expression, environment.Compile(expression)));
        }

        return new MatchConditions(compiled);
    }

    public IEnumerable<string> Names => conditions.Select(c => c.Name);

    /// <summary>Whether the request reaches the webhook; a condition that does not yield a boolean fails the test, as it would fail the call.</summary>
    public bool Match(string operation, JsonObject? obj, JsonObject? oldObject, string user = "alice@example.com", params string[] groups)
    {
        var variables = new Dictionary<string, object?>
        {
            ["object"] = Value(obj),
            ["oldObject"] = Value(oldObject),
            ["request"] = Value(new JsonObject
            {
                ["operation"] = operation,
                ["userInfo"] = new JsonObject { ["username"] = user, ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode?)JsonValue.Create(g))]) },
                ["dryRun"] = false,
            }),
        };
        var matched = true;
        foreach (var (name, expression, program) in conditions)
        {
            object? result;
            try
            {
                result = program(variables);
            }
            catch (Exception e) when (e is not AssertionException)
            {
                throw new AssertionException($"matchCondition {name} fails on {operation} ({e.GetType().Name}: {e.Message}); kube-apiserver would count that as a webhook failure: {expression}");
            }

            if (result is not bool value)
            {
                throw new AssertionException($"matchCondition {name} yields {result ?? "null"} on {operation}, not a boolean: {expression}");
            }

            matched &= value;
        }

        return matched;
    }

    private static object? Value(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => Value(p.Value)),
        JsonArray array => array.Select(Value).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var integer) => integer,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => null,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
