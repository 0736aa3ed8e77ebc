using System.Text.Json;

namespace AcrGuard.Manifests;

/// <summary>
/// One document of an input, as JSON: where it is (<see cref="Address"/>), the line it starts on,
/// and where its keys are (<see cref="Lines"/>), valid as long as <see cref="Root"/>.
/// </summary>
public sealed record ManifestDocument(DocumentAddress Address, int Line, JsonElement Root, IDocumentLines Lines)
{
    /// <summary>The line of a finding's path in this document (or list item), or null where the text has no such path.</summary>
    public int? LineOf(string findingPath) => Lines.LineOf(Address.ItemPath, findingPath);
}
