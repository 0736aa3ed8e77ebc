namespace AcrGuard.Manifests;

/// <summary>
/// The line of each mapping key and list item of a document's text, by path from the document's
/// root: one interface for YAML (recorded while the document streams, <see cref="DocumentLines"/>)
/// and JSON (indexed from the text on first use).
/// </summary>
public interface IDocumentLines
{
    /// <summary>
    /// The 1-based line of <paramref name="findingPath"/> (segments as findings write them:
    /// <c>spec.template.metadata.annotations['k']</c>) inside the list item at
    /// <paramref name="itemPath"/> (empty for the document itself), or null where the text has no
    /// such path.
    /// </summary>
    int? LineOf(string itemPath, string findingPath);
}
