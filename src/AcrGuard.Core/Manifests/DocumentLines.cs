namespace AcrGuard.Manifests;

/// <summary>
/// The line of each mapping key and list item of a document, so that a finding's path
/// (<c>spec.template.metadata.annotations['k']</c>, <c>spec.containers[0].image</c>) maps to its
/// line: recorded while a YAML document streams to JSON (no second parse), or read from a JSON
/// text by <see cref="JsonLines"/>. Paths are kept as 64-bit hashes of their segments: no string
/// is built per node.
/// </summary>
public sealed class DocumentLines : IDocumentLines
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private readonly Dictionary<ulong, int> lines = [];

    public static ulong Root => Offset;

    public int? LineOf(string itemPath, string findingPath)
    {
        var hash = Root;
        return Walk(ref hash, itemPath) && Walk(ref hash, findingPath) && lines.TryGetValue(hash, out var line) ? line : null;
    }

    // The item's path and the finding's are hashed one after the other: the same hash as the
    // joined path, without building it.
    private static bool Walk(ref ulong hash, string path)
    {
        var segments = new FindingPath(path);
        while (segments.MoveNext())
        {
            hash = segments.Index < 0 ? Key(hash, segments.Key) : Index(hash, segments.Index);
        }

        return !segments.Malformed;
    }

    internal static ulong Key(ulong parent, ReadOnlySpan<char> key)
    {
        var hash = (parent ^ 'k') * Prime;
        foreach (var c in key)
        {
            hash = (hash ^ c) * Prime;
        }

        return (hash ^ 0xff) * Prime;
    }

    internal static ulong Index(ulong parent, int index) => (((parent ^ 'i') * Prime) ^ (uint)index) * Prime;

    // Later entries win, as a later duplicate key wins when the JSON is bound.
    internal void Add(ulong path, int line) => lines[path] = line;

    internal void Clear() => lines.Clear();
}
