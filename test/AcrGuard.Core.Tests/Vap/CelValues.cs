using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>Objects as CEL sees them in kube-apiserver: JSON as maps, lists and scalars, with no null fields (the decoder drops them).</summary>
internal static class CelValues
{
    public static object? Of(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => Of(p.Value)),
        JsonArray array => array.Select(Of).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // Read back from its text: a value a test set (an int) converts to nothing else.
            JsonValueKind.Number when long.TryParse(value.ToJsonString(), CultureInfo.InvariantCulture, out var integer) => integer,
            JsonValueKind.Number => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    /// <summary>
    /// The Cel package returns a marker for a field that is not there, where cel-go errors (and an
    /// error fails the policy): any marker in a value is an error.
    /// </summary>
    public static bool HasMissingField(object? value) => value switch
    {
        null or string or bool or long or int or double => false,
        IDictionary map => map.Values.Cast<object?>().Any(HasMissingField),
        IEnumerable list => list.Cast<object?>().Any(HasMissingField),
        _ => value.GetType().Name.Contains("NoSuchField", StringComparison.Ordinal),
    };
}
