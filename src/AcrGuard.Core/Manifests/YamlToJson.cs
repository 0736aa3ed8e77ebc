using System.Buffers;
using System.Text.Json;
using AcrGuard.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AcrGuard.Manifests;

/// <summary>
/// Streams the documents of a YAML text as JSON, one at a time, the way kubectl turns manifests
/// into JSON before they reach the API server. Anchors, aliases and merge keys are resolved;
/// depth and alias expansion are bounded so that a hostile file cannot exhaust the stack or
/// memory (a "billion laughs" document is refused, not expanded).
/// </summary>
internal sealed class YamlToJson
{
    private const int MaxDepth = JsonReading.MaxDepth;

    // Enough for any real manifest (a Deployment is a few hundred nodes); far below what an
    // alias bomb expands to.
    private const int MaxNodesPerDocument = 1_000_000;

    private readonly string file;
    private readonly ArrayBufferWriter<byte> buffer = new(16 * 1024);
    private readonly Dictionary<string, List<ParsingEvent>> anchors = new(StringComparer.Ordinal);
    private readonly List<(int Depth, List<ParsingEvent> Events)> recording = [];
    private readonly Stack<bool> expectingKey = new();
    private readonly Stack<bool> containerIsMapping = new();
    private readonly List<Frame> frames = [];
    private readonly DocumentLines lines = new();
    private Utf8JsonWriter? writer;
    private Merge merge;
    private int nodes;
    private int firstLine;

    private YamlToJson(string file) => this.file = file;

    /// <summary>A document as JSON bytes and its lines; both are reused and valid only until the next document is read.</summary>
    public readonly record struct Document(int Index, int Line, ReadOnlyMemory<byte> Json, DocumentLines Lines);

    // Where the line index is in the tree: a container's path hash, and the key or item being read.
    private record struct Frame(ulong Path, bool Mapping, bool ExpectKey, ulong KeyPath, int NextIndex);

    public static IEnumerable<Document> Read(string file, TextReader text)
    {
        var converter = new YamlToJson(file);
        // Not YamlDotNet's MergingParser: it buffers the whole stream (and refuses streams over
        // 100,000 events), where `helm template` output is read one document at a time here.
        var parser = new Parser(text);
        var index = 0;
        while (true)
        {
            var document = converter.Next(parser, ref index);
            if (document is null)
            {
                yield break;
            }

            if (document.Value.Json.Length > 0)
            {
                yield return document.Value;
            }
        }
    }

    private Document? Next(Parser parser, ref int index)
    {
        try
        {
            while (MoveNext(parser))
            {
                switch (parser.Current)
                {
                    case DocumentStart:
                        index++;
                        StartDocument();
                        break;
                    case DocumentEnd:
                        writer!.Flush();
                        return new Document(index, firstLine, IsNullDocument() ? ReadOnlyMemory<byte>.Empty : buffer.WrittenMemory, lines);
                    case StreamStart or StreamEnd:
                        break;
                    case { } e:
                        Write(e);
                        break;
                }
            }

            return null;
        }
        catch (YamlException e)
        {
            throw new ManifestException($"{file}:{e.Start.Line}: not valid YAML: {YamlMessage(e)}", e);
        }
    }

    private bool MoveNext(Parser parser)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (Exception e) when (YamlParserFaults.IsMalformedInput(e))
        {
            var line = parser.Current?.End.Line ?? 1;
            throw new ManifestException($"{file}:{line}: not valid YAML: the parser gave up after this line ({e.Message})", e);
        }
    }

    private void StartDocument()
    {
        buffer.ResetWrittenCount();
        writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        writer.Reset(buffer);
        anchors.Clear();
        recording.Clear();
        expectingKey.Clear();
        containerIsMapping.Clear();
        frames.Clear();
        lines.Clear();
        merge = Merge.None;
        nodes = 0;
        firstLine = 0;
    }

    // An empty document (only comments, or `---` alone) parses as one empty plain scalar.
    private bool IsNullDocument() => buffer.WrittenSpan.SequenceEqual("null"u8) || buffer.WrittenCount == 0;

    private enum Merge
    {
        None,
        ExpectValue,
        InSequence,
    }

    private void Write(ParsingEvent e)
    {
        if (merge != Merge.None && MergeInto(e))
        {
            return;
        }

        if (e is Scalar { Value: "<<", Style: ScalarStyle.Plain } && expectingKey.TryPeek(out var atKey) && atKey)
        {
            // A merge key (`<<: *defaults`): the aliased mapping's entries are written into this
            // one. Written first, they lose to explicit keys that follow (last wins in JSON
            // binding), which is YAML's rule for the usual placement of `<<` at the top.
            merge = Merge.ExpectValue;
            return;
        }

        if (e is AnchorAlias alias)
        {
            Replay(alias);
            return;
        }

        Count(e);
        Record(e);
        IndexLine(e);
        Emit(e);
    }

    private void Replay(AnchorAlias alias)
    {
        if (!anchors.TryGetValue(alias.Value.Value, out var events))
        {
            throw new ManifestException($"{file}:{alias.Start.Line}: alias *{alias.Value.Value} names no anchor");
        }

        foreach (var replayed in events)
        {
            Write(replayed);
        }
    }

    // Every node written counts, replayed ones included: what bounds an alias bomb.
    private void Count(ParsingEvent e)
    {
        if (++nodes > MaxNodesPerDocument)
        {
            throw new ManifestException($"{file}:{e.Start.Line}: document too large after alias expansion (over {MaxNodesPerDocument:N0} nodes)");
        }

        if (firstLine == 0)
        {
            firstLine = (int)e.Start.Line;
        }
    }

    // The node as JSON: a scalar as a key or a value, a mapping as an object, a list as an array.
    private void Emit(ParsingEvent e)
    {
        switch (e)
        {
            case Scalar scalar:
                if (expectingKey.TryPeek(out var isKey) && isKey)
                {
                    writer!.WritePropertyName(scalar.Value);
                    expectingKey.Pop();
                    expectingKey.Push(false);
                    return;
                }

                YamlScalars.Write(writer!, scalar);
                ValueWritten();
                break;
            case MappingStart:
                Open(e);
                writer!.WriteStartObject();
                expectingKey.Push(true);
                break;
            case SequenceStart:
                Open(e);
                writer!.WriteStartArray();
                expectingKey.Push(false);
                break;
            case MappingEnd:
                expectingKey.Pop();
                writer!.WriteEndObject();
                ValueWritten();
                break;
            case SequenceEnd:
                expectingKey.Pop();
                writer!.WriteEndArray();
                ValueWritten();
                break;
        }
    }

    // Records the line of each key and list item under its path, in step with the JSON written.
    private void IndexLine(ParsingEvent e)
    {
        if (e is MappingEnd or SequenceEnd)
        {
            frames.RemoveAt(frames.Count - 1);
            return;
        }

        var path = DocumentLines.Root;
        if (frames.Count > 0)
        {
            var top = frames[^1];
            if (top.Mapping && top.ExpectKey)
            {
                if (e is Scalar key)
                {
                    var keyPath = DocumentLines.Key(top.Path, key.Value);
                    lines.Add(keyPath, (int)e.Start.Line);
                    frames[^1] = top with { ExpectKey = false, KeyPath = keyPath };
                }

                // A mapping or list as a key is refused when it is written.
                return;
            }

            if (top.Mapping)
            {
                path = top.KeyPath;
                frames[^1] = top with { ExpectKey = true };
            }
            else
            {
                path = DocumentLines.Index(top.Path, top.NextIndex);
                lines.Add(path, (int)e.Start.Line);
                frames[^1] = top with { NextIndex = top.NextIndex + 1 };
            }
        }

        if (e is MappingStart or SequenceStart)
        {
            frames.Add(new Frame(path, e is MappingStart, ExpectKey: e is MappingStart, 0, 0));
        }
    }

    private bool MergeInto(ParsingEvent e)
    {
        switch (merge, e)
        {
            case (Merge.ExpectValue, AnchorAlias alias):
                merge = Merge.None;
                ReplayEntries(alias);
                return true;
            case (Merge.ExpectValue, SequenceStart):
                merge = Merge.InSequence;
                return true;
            case (Merge.InSequence, AnchorAlias alias):
                ReplayEntries(alias);
                return true;
            case (Merge.InSequence, SequenceEnd):
                merge = Merge.None;
                return true;
            default:
                throw new ManifestException($"{file}:{e.Start.Line}: a merge key (<<) takes an alias or a list of aliases of mappings");
        }
    }

    private void ReplayEntries(AnchorAlias alias)
    {
        if (!anchors.TryGetValue(alias.Value.Value, out var events) || events.Count < 2 || events[0] is not MappingStart)
        {
            throw new ManifestException($"{file}:{alias.Start.Line}: merge key (<<) alias *{alias.Value.Value} does not name a mapping");
        }

        var outer = merge;
        merge = Merge.None;
        for (var i = 1; i < events.Count - 1; i++)
        {
            Write(events[i]);
        }

        merge = outer;
    }

    private void Open(ParsingEvent e)
    {
        if (expectingKey.TryPeek(out var isKey) && isKey)
        {
            throw new ManifestException($"{file}:{e.Start.Line}: a mapping key must be a plain value, not a mapping or list");
        }

        if (expectingKey.Count >= MaxDepth)
        {
            throw new ManifestException($"{file}:{e.Start.Line}: nested more than {MaxDepth} levels deep");
        }
    }

    // After a value inside a mapping, the next scalar is a key again.
    private void ValueWritten()
    {
        if (expectingKey.TryPeek(out var isKey) && !isKey && expectingKey.Count > 0 && IsInMapping())
        {
            expectingKey.Pop();
            expectingKey.Push(true);
        }
    }

    private bool IsInMapping() => containerIsMapping.TryPeek(out var mapping) && mapping;

    // Anchored nodes are recorded as events so that an alias can replay them.
    private void Record(ParsingEvent e)
    {
        foreach (var (_, events) in recording)
        {
            events.Add(e);
        }

        var depthChange = e switch
        {
            MappingStart or SequenceStart => 1,
            MappingEnd or SequenceEnd => -1,
            _ => 0,
        };

        if (e is MappingStart or SequenceStart)
        {
            containerIsMapping.Push(e is MappingStart);
        }
        else if (e is MappingEnd or SequenceEnd)
        {
            containerIsMapping.Pop();
        }

        if (e is NodeEvent { Anchor.IsEmpty: false } node)
        {
            var events = new List<ParsingEvent> { e };
            if (depthChange == 0)
            {
                anchors[node.Anchor.Value] = events;
            }
            else
            {
                recording.Add((containerIsMapping.Count, events));
            }
        }

        if (depthChange < 0)
        {
            for (var i = recording.Count - 1; i >= 0; i--)
            {
                if (recording[i].Depth == containerIsMapping.Count + 1)
                {
                    var anchor = ((NodeEvent)recording[i].Events[0]).Anchor.Value;
                    anchors[anchor] = recording[i].Events;
                    recording.RemoveAt(i);
                }
            }
        }
    }

    private static string YamlMessage(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the line is given separately.
        var location = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (location >= 0 ? message[(location + 3)..] : message).Trim();
    }
}
