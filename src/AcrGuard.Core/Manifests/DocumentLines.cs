namespace AcrGuard.Manifests;

/// <summary>
/// The line of each mapping key and list item of a YAML document, recorded while it streams to
/// JSON, so that a finding's path (<c>spec.template.metadata.annotations['k']</c>,
/// <c>spec.containers[0].image</c>) maps to its line without parsing the text a second time.
/// Paths are kept as 64-bit hashes of their segments: no string is built per node.
/// </summary>
public sealed class DocumentLines
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private readonly Dictionary<ulong, int> lines = [];

    public static ulong Root => Offset;

    /// <summary>The line of <paramref name="path"/> (segments as findings write them), or null.</summary>
    public int? LineOf(string path)
    {
        var hash = Root;
        var segments = new FindingPath(path);
        while (segments.MoveNext())
        {
            hash = segments.Index < 0 ? Key(hash, segments.Key) : Index(hash, segments.Index);
        }

        return !segments.Malformed && lines.TryGetValue(hash, out var line) ? line : null;
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
