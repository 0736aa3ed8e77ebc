namespace AcrGuard.Repairs.Syntax;

/// <summary>
/// Turns what a <see cref="DocumentEditor"/> recorded into <see cref="TextEdit"/>s, written the way
/// the text around them is: a block mapping's entries as whole lines at its indentation (a moved
/// entry keeps its comments, quoting and line break), a flow mapping's or a JSON object's inline
/// or one per line as its entries are, with the text's own line break and indentation step. A
/// mapping left empty by removals goes with its key where that key is <c>annotations</c> or a
/// nested <c>metadata</c>.
/// </summary>
internal sealed class EditWriter(string text, TextLines lines, DocumentEditor editor)
{
    private readonly List<TextEdit> edits = [];
    private readonly HashSet<MapEntry> removed = [];

    public List<TextEdit> Write()
    {
        var targets = editor.Added.Keys.Select(path => (path, editor.Follow(DocumentEditor.Segments(path)))).ToList();
        var receiving = targets.Select(t => t.Item2.Node).ToHashSet();
        CascadeRemovals(receiving);
        foreach (var map in removed.Select(e => e.Value.Parent!).Distinct())
        {
            if (map.Flow)
            {
                FlowRemovals(map, editor.Added.Count == 0 ? [] : AddedTo(map, targets));
            }
            else
            {
                BlockRemovals(map, receiving.Contains(map));
            }
        }

        foreach (var (entry, key) in editor.Renamed)
        {
            edits.Add(new TextEdit(entry.Key.Start, entry.Key.End, KeyText(key, entry.Key.Quote)));
        }

        foreach (var (path, (node, depth, _)) in targets)
        {
            var rest = DocumentEditor.Segments(path)[depth..];
            var entries = editor.Added[path];
            if (node is MapNode { Flow: true } flow && rest.Count == 0 && removed.Any(e => e.Value.Parent == flow))
            {
                continue; // written with the removals, in one place
            }

            Add(node, rest, entries);
        }

        return edits;
    }

    /// <summary>Why a block entry cannot be removed as whole lines, or null.</summary>
    public static string? BlockLayoutProblem(MapEntry entry, TextLines lines)
    {
        var first = lines.LineOf(entry.Key.Start);
        return !lines.IsSpaces(lines.StartOf(first), entry.Key.Start) || !lines.RestIsBlankOrComment(Math.Min(entry.Value.End, lines.EndOf(LastLine(entry, lines))))
            ? $"{entry.Key.Value} shares its line with other YAML"
            : null;
    }

    private static int LastLine(MapEntry entry, TextLines lines) => lines.LineOf(Math.Max(entry.Value.End - 1, entry.Key.Start));

    private List<(string Key, MapEntry Source)> AddedTo(MapNode map, List<(string Path, (SyntaxNode Node, int Depth, string? Problem) Reach)> targets) =>
        [.. targets.Where(t => t.Reach.Node == map && t.Reach.Depth == DocumentEditor.Segments(t.Path).Count).SelectMany(t => editor.Added[t.Path])];

    // A mapping all of whose entries go, receiving none, goes with its key when that key is
    // annotations, or metadata below the object's root (a CronJob's job template).
    private void CascadeRemovals(HashSet<SyntaxNode> receiving)
    {
        removed.UnionWith(editor.Removed);
        var maps = new Queue<MapNode>(removed.Select(e => e.Value.Parent!).Distinct());
        while (maps.TryDequeue(out var map))
        {
            if (map.Entries.TrueForAll(removed.Contains) && !receiving.Contains(map) &&
                map.Owner is { Key.Value: "annotations" or "metadata" } owner && owner.Value.Parent is { } parent && parent != editor.Root && !parent.HasForeignEntries)
            {
                removed.ExceptWith(map.Entries);
                removed.Add(owner);
                maps.Enqueue(parent);
            }
        }
    }

    private void BlockRemovals(MapNode map, bool receives)
    {
        foreach (var entry in map.Entries.Where(removed.Contains))
        {
            var (first, last) = EntryLines(entry);
            edits.Add(TextEdit.Delete(lines.StartOf(first), lines.NextStart(last)));
        }

        if (map.Entries.TrueForAll(removed.Contains) && !receives && map.Owner is { } owner)
        {
            // Nothing left and the key stays (the object's own metadata): an empty mapping, not null.
            edits.Add(TextEdit.Insert(ColonAfter(owner.Key) + 1, " {}"));
        }
    }

    private void FlowRemovals(MapNode map, List<(string Key, MapEntry Source)> additions)
    {
        var entries = map.Entries;
        var kept = entries.FindAll(e => !removed.Contains(e));
        if (kept.Count == 0)
        {
            edits.Add(new TextEdit(map.Start + 1, map.Close, FlowContent([], additions.Select(a => EntryInline(a.Key, a.Source)).ToList(), map)));
            return;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (!removed.Contains(entries[i]))
            {
                continue;
            }

            var j = i;
            while (j + 1 < entries.Count && removed.Contains(entries[j + 1]))
            {
                j++;
            }

            // Up to the next entry kept, or from the end of the one kept before: the comma goes too.
            edits.Add(j + 1 < entries.Count
                ? TextEdit.Delete(entries[i].Key.Start, entries[j + 1].Key.Start)
                : TextEdit.Delete(entries[i - 1].Value.End, entries[j].Value.End));
            i = j;
        }

        AppendFlow(map, kept[^1], additions.Select(a => EntryInline(a.Key, a.Source)).ToList());
    }

    // Entries go into the mapping found at the end of the path, or into a chain of mappings made
    // for the rest of it (metadata, annotations) inside the node reached: a mapping, or a null.
    private void Add(SyntaxNode node, List<string> rest, List<(string Key, MapEntry Source)> entries)
    {
        switch (node)
        {
            case MapNode { Flow: false } block when rest.Count == 0:
                InsertLines(block.Entries[^1], [.. entries.SelectMany(e => EntryBlock(e.Key, e.Source, Indent(block)))]);
                break;
            case MapNode { Flow: false } block:
                var step = Step(block);
                var chain = ChainLines(rest, Indent(block), step, entries);
                if (rest[0] == "metadata")
                {
                    // Where Kubernetes writes it: before the spec.
                    edits.Add(TextEdit.Insert(lines.StartOf(EntryLines(block.Entries[0]).First), string.Concat(chain)));
                }
                else
                {
                    InsertLines(block.Entries[^1], chain);
                }

                break;
            case MapNode flow when flow.Entries.Count == 0:
                edits.Add(new TextEdit(flow.Start + 1, flow.Close, FlowContent(rest, [.. entries.Select(e => EntryInline(e.Key, e.Source))], flow)));
                break;
            case MapNode flow when rest.Count == 0:
                AppendFlow(flow, flow.Entries[^1], [.. entries.Select(e => EntryInline(e.Key, e.Source))]);
                break;
            case MapNode flow:
                var inner = FlowMap(rest[1..], [.. entries.Select(e => EntryInline(e.Key, e.Source))], SpansLines(flow), ColumnOf(flow.Entries[0].Key), JsonStep(flow));
                var item = KeyText(rest[0], ScalarQuote.Plain) + Separator(entries[0].Source) + inner;
                if (rest[0] == "metadata")
                {
                    var gap = text[(flow.Start + 1)..flow.Entries[0].Key.Start];
                    edits.Add(TextEdit.Insert(flow.Entries[0].Key.Start, item + "," + (gap.Contains('\n') ? gap : " ")));
                }
                else
                {
                    AppendFlow(flow, flow.Entries[^1], [item]);
                }

                break;
            case ScalarNode nothing:
                ReplaceNull(nothing, rest, entries);
                break;
        }
    }

    private void ReplaceNull(ScalarNode nothing, List<string> rest, List<(string Key, MapEntry Source)> entries)
    {
        var owner = nothing.Owner!;
        var map = nothing.Parent!;
        if (map.Flow)
        {
            var replacement = FlowMap(rest, [.. entries.Select(e => EntryInline(e.Key, e.Source))], SpansLines(map), lines.Indentation(lines.LineOf(owner.Key.Start)), JsonStep(map));
            edits.Add(new TextEdit(nothing.Start, nothing.End, replacement));
            return;
        }

        // `annotations:` or `annotations: ~` on its line: the mapping goes on the lines below it.
        var colon = ColonAfter(owner.Key);
        if (nothing.End > nothing.Start)
        {
            edits.Add(TextEdit.Delete(colon + 1, nothing.End));
        }

        var step = Step(map);
        var indent = ColumnOf(owner.Key) + step;
        var chain = rest.Count == 0 ? [.. entries.SelectMany(e => EntryBlock(e.Key, e.Source, indent))] : ChainLines(rest, indent, step, entries);
        InsertAfterLine(lines.LineOf(owner.Key.Start), chain);
    }

    private List<string> ChainLines(List<string> rest, int indent, int step, List<(string Key, MapEntry Source)> entries)
    {
        var chain = new List<string>();
        for (var i = 0; i < rest.Count; i++)
        {
            chain.Add(new string(' ', indent + (i * step)) + rest[i] + ":" + lines.NewLine);
        }

        chain.AddRange(entries.SelectMany(e => EntryBlock(e.Key, e.Source, indent + (rest.Count * step))));
        return chain;
    }

    private void InsertLines(MapEntry after, List<string> newLines) => InsertAfterLine(LastLine(after, lines), newLines);

    private void InsertAfterLine(int line, List<string> newLines)
    {
        var inserted = string.Concat(newLines);
        if (!lines.HasBreak(line))
        {
            // The text ends on this line without a line break: it still ends without one.
            inserted = lines.NewLine + inserted[..^lines.NewLine.Length];
        }

        edits.Add(TextEdit.Insert(lines.NextStart(line), inserted));
    }

    private void AppendFlow(MapNode map, MapEntry last, List<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        var multiLine = lines.LineOf(map.Entries[0].Key.Start) != lines.LineOf(map.Start);
        var gap = multiLine ? lines.NewLine + new string(' ', ColumnOf(last.Key)) : " ";
        edits.Add(TextEdit.Insert(last.Value.End, string.Concat(items.Select(item => "," + gap + item))));
    }

    // What goes between the braces of an empty flow mapping: inline in YAML and one-line JSON, one entry per line in indented JSON.
    private string FlowContent(List<string> rest, List<string> items, MapNode map)
    {
        var multiLine = map.Parent is { } parent && SpansLines(parent);
        var full = FlowMap(rest, items, multiLine, lines.Indentation(lines.LineOf(map.Start)), JsonStep(map));
        return full[1..^1];
    }

    // A new mapping holding `items`, inside mappings for `rest`; `indent` is that of the line it opens on.
    private string FlowMap(List<string> rest, List<string> items, bool multiLine, int indent, int step)
    {
        multiLine &= editor.Json;
        var content = rest.Count == 0 ? items : [KeyText(rest[0], ScalarQuote.Plain) + ": " + FlowMap(rest[1..], items, multiLine, indent + step, step)];
        if (!multiLine)
        {
            return "{" + string.Join(", ", content) + "}";
        }

        var inner = new string(' ', indent + step);
        return "{" + lines.NewLine + inner + string.Join("," + lines.NewLine + inner, content) + lines.NewLine + new string(' ', indent) + "}";
    }

    private bool SpansLines(SyntaxNode node) => lines.LineOf(node.Start) != lines.LineOf(Math.Max(node.Start, node.End - 1));

    // The indentation step of an indented JSON text (or a YAML flow mapping): how much deeper a mapping's keys are than the line that opens it.
    private int JsonStep(MapNode near)
    {
        for (var node = near; node is not null; node = node.Parent)
        {
            if (node.Entries.Count > 0 && lines.LineOf(node.Entries[0].Key.Start) != lines.LineOf(node.Start))
            {
                var step = ColumnOf(node.Entries[0].Key) - lines.Indentation(lines.LineOf(node.Start));
                return step > 0 ? step : 2;
            }
        }

        return 2;
    }

    /// <summary>A block entry's lines: from the comment lines right above its key (at its column) to the line its value ends on.</summary>
    private (int First, int Last) EntryLines(MapEntry entry)
    {
        var first = lines.LineOf(entry.Key.Start);
        var floor = Floor(entry);
        while (first - 1 > floor && lines.IsComment(first - 1) && lines.Indentation(first - 1) == ColumnOf(entry.Key))
        {
            first--;
        }

        return (first, LastLine(entry, lines));
    }

    // The last line of what comes before the entry in its mapping: the previous entry's value, or the mapping's key.
    private int Floor(MapEntry entry)
    {
        var map = entry.Value.Parent!;
        var index = map.Entries.IndexOf(entry);
        return index > 0 ? LastLine(map.Entries[index - 1], lines) : map.Owner is { } owner ? lines.LineOf(owner.Key.Start) : -1;
    }

    // The entry for a block mapping at `indent`: its own lines moved (comments and all), or written anew from a flow one.
    private List<string> EntryBlock(string key, MapEntry source, int indent)
    {
        if (!source.Value.Parent!.Flow)
        {
            var (first, last) = EntryLines(source);
            var written = text[lines.StartOf(first)..source.Key.Start] + KeyFor(key, source) + text[source.Key.End..lines.NextStart(last)];
            if (!lines.HasBreak(last))
            {
                written += lines.NewLine;
            }

            if (Reindent(written, indent - ColumnOf(source.Key)) is { } moved)
            {
                return [moved];
            }
        }

        return [new string(' ', indent) + EntryInline(key, source) + lines.NewLine];
    }

    // Every line shifted by `delta` columns; null when a line has too little indentation to lose it.
    private static string? Reindent(string block, int delta)
    {
        var result = new System.Text.StringBuilder(block.Length + 64);
        foreach (var line in block.Split('\n'))
        {
            if (result.Length > 0 || line.Length > 0)
            {
                var content = line.TrimStart(' ');
                var spaces = line.Length - content.Length;
                if (content.Length == 0 || content == "\r")
                {
                    result.Append(line);
                }
                else if (spaces + delta < 0)
                {
                    return null;
                }
                else
                {
                    result.Append(' ', spaces + delta).Append(content);
                }
            }

            result.Append('\n');
        }

        // Split gives an empty last piece after the final break; that break was added once too often.
        return result.ToString(0, result.Length - 1);
    }

    // `key: value` on one line, for a flow mapping or a JSON object.
    private string EntryInline(string key, MapEntry source)
    {
        var value = (ScalarNode)source.Value;
        var written = text[value.Start..value.End];
        if (written.Contains('\n') || value.Quote == ScalarQuote.Block)
        {
            // One line in double quotes, which YAML reads with JSON's escapes.
            written = $"\"{System.Text.Json.JsonEncodedText.Encode(value.Value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"";
        }

        return KeyFor(key, source) + Separator(source) + written;
    }

    private string KeyFor(string key, MapEntry source) =>
        key == source.Key.Value ? text[source.Key.Start..source.Key.End] : KeyText(key, source.Key.Quote);

    private string KeyText(string key, ScalarQuote quote) => editor.Json || quote == ScalarQuote.Double ? $"\"{key}\"" : quote == ScalarQuote.Single ? $"'{key}'" : key;

    // As the source entry separates its key and value in JSON (`": "` or `":"`); YAML's usual otherwise.
    private string Separator(MapEntry source)
    {
        if (!editor.Json)
        {
            return ": ";
        }

        var between = text[source.Key.End..source.Value.Start];
        return between.Contains('\n') ? ": " : between;
    }

    private int ColonAfter(ScalarNode key)
    {
        var colon = text.IndexOf(':', key.End);
        return colon >= 0 ? colon : key.End;
    }

    private int Indent(MapNode block) => ColumnOf(block.Entries[0].Key);

    // How much deeper a block mapping's keys are than its own key; 2 where it has none.
    private int Step(MapNode block) =>
        block.Owner is { } owner && Indent(block) - ColumnOf(owner.Key) is > 0 and var step ? step : 2;

    private int ColumnOf(ScalarNode key) => lines.Column(key.Start);
}
