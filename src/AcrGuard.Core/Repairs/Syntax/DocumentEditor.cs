namespace AcrGuard.Repairs.Syntax;

/// <summary>
/// Collects the <see cref="AnnotationChange"/>s of one object (a document, or an item of a
/// <c>kind: List</c>) against its text, refusing those the text does not allow to make at one
/// place (anchors, merge keys, a key written twice, a layout it does not recognise), and then
/// turns them into <see cref="TextEdit"/>s (<see cref="EditWriter"/>).
/// </summary>
internal sealed class DocumentEditor(SyntaxNode root, TextLines lines, bool json)
{
    /// <summary>Entries taken out of their mapping.</summary>
    public HashSet<MapEntry> Removed { get; } = [];

    /// <summary>Entries whose key is renamed, with the new key.</summary>
    public Dictionary<MapEntry, string> Renamed { get; } = [];

    /// <summary>Entries written into annotations, by the metadata path they go to, in the order they were recorded.</summary>
    public Dictionary<string, List<(string Key, MapEntry Source)>> Added { get; } = new(StringComparer.Ordinal);

    public SyntaxNode Root => root;

    public bool Json => json;

    /// <summary>Records the changes of one repair, all or none: null when recorded, else why the text cannot take them.</summary>
    public string? TryRecord(IReadOnlyList<AnnotationChange> changes)
    {
        var staged = new List<Action>();
        var touched = new HashSet<MapEntry>();
        foreach (var change in changes)
        {
            var refusal = change switch
            {
                RemoveAnnotation remove => StageRemove(remove, staged, touched),
                RenameAnnotation rename => StageRename(rename, staged, touched),
                CopyAnnotation copy => StageCopy(copy, staged),
                _ => "an unknown change",
            };
            if (refusal is not null)
            {
                return refusal;
            }
        }

        staged.ForEach(stage => stage());
        return null;
    }

    private string? StageRemove(RemoveAnnotation change, List<Action> staged, HashSet<MapEntry> touched)
    {
        var refusal = FindEntry(change.MetadataPath, change.Key, out var entry);
        refusal ??= Taken(entry!, touched);
        refusal ??= ((MapNode)entry!.Value.Parent!).Flow ? null : EditWriter.BlockLayoutProblem(entry, lines);
        if (refusal is null)
        {
            staged.Add(() => Removed.Add(entry!));
        }

        return refusal;
    }

    private string? StageRename(RenameAnnotation change, List<Action> staged, HashSet<MapEntry> touched)
    {
        var refusal = FindEntry(change.MetadataPath, change.Key, out var entry) ?? Taken(entry!, touched);
        if (refusal is null)
        {
            staged.Add(() => Renamed[entry!] = change.NewKey);
        }

        return refusal;
    }

    private string? StageCopy(CopyAnnotation change, List<Action> staged)
    {
        var refusal = FindEntry(change.MetadataPath, change.Key, out var source);
        if (refusal is not null)
        {
            return refusal;
        }

        // Only the template's metadata and annotations are ever made: a missing or null template is not guessed.
        var segments = Segments(change.ToMetadataPath);
        var (node, depth, problem) = Follow(segments);
        var missing = segments.Count - depth;
        var template = change.ToMetadataPath[..Math.Max(0, change.ToMetadataPath.LastIndexOf('.'))];
        refusal = problem ?? node switch
        {
            MapNode when missing <= 2 => null,
            ScalarNode { IsNull: true } when missing <= 1 => null,
            MapNode or ScalarNode { IsNull: true } => $"there is no pod template at {template}",
            _ => $"{change.ToMetadataPath} is not a mapping",
        };
        if (refusal is null)
        {
            staged.Add(() =>
            {
                if (!Added.TryGetValue(change.ToMetadataPath, out var list))
                {
                    Added[change.ToMetadataPath] = list = [];
                }

                list.Add((change.NewKey, source!));
            });
        }

        return refusal;
    }

    private string? Taken(MapEntry entry, HashSet<MapEntry> touched) =>
        !touched.Add(entry) || Removed.Contains(entry) || Renamed.ContainsKey(entry) ? "another repair changes the same annotation" : null;

    private string? FindEntry(string metadataPath, string key, out MapEntry? entry)
    {
        entry = null;
        var segments = Segments(metadataPath);
        var (node, depth, problem) = Follow(segments);
        if (problem is not null)
        {
            return problem;
        }

        if (depth < segments.Count || node is not MapNode annotations)
        {
            return $"the text has no {metadataPath}.annotations mapping";
        }

        var matches = annotations.Entries.FindAll(e => e.Key.Value == key);
        if (matches.Count != 1)
        {
            return matches.Count == 0 ? $"{key} is not written in {metadataPath}.annotations (an anchor or merge key?)" : $"{key} is written twice in {metadataPath}.annotations";
        }

        entry = matches[0];
        return entry.Key.Marked || entry.Key.Quote == ScalarQuote.Block || entry.Value is not ScalarNode { Marked: false }
            ? $"{key} in {metadataPath}.annotations is written with an anchor, alias or tag"
            : null;
    }

    /// <summary>
    /// Follows the segments (keys) from the object's root as far as the text has them: the node
    /// reached, how many segments it is down, or why the path cannot be edited. A null value on
    /// the way (<c>annotations:</c> with nothing) ends the walk: the rest is created in its place.
    /// </summary>
    public (SyntaxNode Node, int Depth, string? Problem) Follow(IReadOnlyList<string> segments)
    {
        var node = root;
        for (var depth = 0; depth < segments.Count; depth++)
        {
            if (node.Marked)
            {
                return (node, depth, $"{string.Join('.', segments.Take(depth))} is written with an anchor, alias or tag");
            }

            if (node is ScalarNode { IsNull: true })
            {
                return (node, depth, null);
            }

            if (node is not MapNode map || map.HasForeignEntries)
            {
                return (node, depth, $"{string.Join('.', segments.Take(depth))} is not a plain mapping (a merge key?)");
            }

            var matches = map.Entries.FindAll(e => e.Key.Value == segments[depth]);
            if (matches.Count == 0)
            {
                return (map, depth, null);
            }

            if (matches.Count > 1 || matches[0].Key.Marked)
            {
                return (map, depth, $"{string.Join('.', segments.Take(depth + 1))} is written twice or with a tag");
            }

            node = matches[0].Value;
        }

        return node.Marked ? (node, segments.Count, $"{string.Join('.', segments)} is written with an anchor, alias or tag") : (node, segments.Count, null);
    }

    /// <summary>The keys from the object's root to the annotations of <paramref name="metadataPath"/>.</summary>
    public static List<string> Segments(string metadataPath) => [.. metadataPath.Split('.'), "annotations"];
}
