using System.Text.Json;

namespace AcrGuard.Audit.Cluster;

/// <summary>One entry of an <c>APIResourceList</c>, as API discovery answers for a group/version.</summary>
/// <param name="Name">The resource's plural, or <c>plural/subresource</c> for a subresource.</param>
/// <param name="Kind">The kind of its objects.</param>
/// <param name="Namespaced">False for a cluster-scoped resource.</param>
public sealed record ServedResource(string Name, string Kind, bool Namespaced)
{
    /// <summary>A subresource (<c>clonesets/status</c>, <c>clonesets/scale</c>) shares its parent's kind but cannot be listed.</summary>
    public bool IsSubresource => Name.Contains('/', StringComparison.Ordinal);

    /// <summary>The entries of an <c>APIResourceList</c>; entries without a name or kind are not resources to list.</summary>
    public static IReadOnlyList<ServedResource> ReadList(JsonElement list)
    {
        var served = new List<ServedResource>();
        if (list.ValueKind != JsonValueKind.Object || !list.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return served;
        }

        foreach (var resource in resources.EnumerateArray())
        {
            if (resource.ValueKind == JsonValueKind.Object
                && resource.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && resource.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String)
            {
                var namespaced = resource.TryGetProperty("namespaced", out var flag) && flag.ValueKind == JsonValueKind.True;
                served.Add(new ServedResource(name.GetString() ?? string.Empty, kind.GetString() ?? string.Empty, namespaced));
            }
        }

        return served;
    }
}
