namespace AcrGuard.Manifests;

/// <summary>
/// Where a document of an input is: its <see cref="File"/> ("-" for stdin), its 1-based
/// <see cref="Index"/> in the file's document stream, and for an item of a <c>kind: List</c> its
/// <see cref="ItemPath"/> inside that document (<c>items[0]</c>, <c>items[0].items[2]</c> for a
/// list in a list; empty for the document itself). Written as reports show it:
/// <c>deploy/app.yaml#2</c>, <c>deploy/app.yaml#2.items[0]</c>.
/// </summary>
public readonly record struct DocumentAddress(string File, int Index, string ItemPath)
{
    /// <summary>The address of the <paramref name="item"/>th entry of this document's <c>items</c>.</summary>
    public DocumentAddress Item(int item) =>
        this with { ItemPath = ItemPath.Length == 0 ? $"items[{item}]" : $"{ItemPath}.items[{item}]" };

    /// <summary>The address without the file, as a message that already names the file writes it: <c>#2</c>, <c>#2.items[0]</c>.</summary>
    public string InFile => ItemPath.Length == 0 ? $"#{Index}" : $"#{Index}.{ItemPath}";

    public override string ToString() => ItemPath.Length == 0 ? $"{File}#{Index}" : $"{File}#{Index}.{ItemPath}";
}
