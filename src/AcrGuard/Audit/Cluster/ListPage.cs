using System.Text.Json;

namespace AcrGuard.Audit.Cluster;

/// <summary>One page of a list: its items, and the token for the next page (null on the last).</summary>
public sealed class ListPage(JsonDocument document) : IDisposable
{
    public JsonElement Items =>
        document.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items
            : default;

    public int Count => Items.ValueKind == JsonValueKind.Array ? Items.GetArrayLength() : 0;

    public string? Continue => Metadata("continue") is { Length: > 0 } token ? token : null;

    public string? ResourceVersion => Metadata("resourceVersion");

    private string? Metadata(string property) =>
        document.RootElement.TryGetProperty("metadata", out var metadata)
        && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public void Dispose() => document.Dispose();
}
