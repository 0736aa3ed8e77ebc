using System.Text.Json;

namespace AcrGuard.Manifests;

/// <summary>
/// One document of an input, as JSON: <see cref="Source"/> is the file and 1-based document
/// index (<c>deploy/app.yaml#2</c>, and <c>#2.items[0]</c> inside a <c>kind: List</c>).
/// </summary>
public sealed record ManifestDocument(string File, string Source, int Line, JsonElement Root)
{
    /// <summary>The lines of a YAML document's keys and items (paths from the document's root), valid as long as <see cref="Root"/>; null for JSON.</summary>
    public DocumentLines? Lines { get; init; }
}
