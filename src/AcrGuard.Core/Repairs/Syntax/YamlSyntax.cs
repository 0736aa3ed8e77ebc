using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AcrGuard.Repairs.Syntax;

/// <summary>
/// The documents of a YAML text as <see cref="SyntaxNode"/> trees located by the parser's marks
/// (YamlDotNet's <see cref="Parser"/> events: their Start and End character indexes). Numbered as
/// <see cref="Manifests.ManifestLoader"/> numbers them: one per document start, empty ones
/// included. Only texts the loader has read are parsed, so depth and syntax are already checked.
/// </summary>
internal static class YamlSyntax
{
    public static Dictionary<int, SyntaxNode> Parse(string text)
    {
        var documents = new Dictionary<int, SyntaxNode>();
        var parser = new Parser(new StringReader(text));
        var index = 0;
        while (parser.MoveNext())
        {
            if (parser.Current is DocumentStart)
            {
                index++;
                parser.MoveNext();
                documents[index] = Read(parser, text);
            }
        }

        return documents;
    }

    // On the node's first event; leaves the parser on its last.
    private static SyntaxNode Read(Parser parser, string text)
    {
        switch (parser.Current)
        {
            case Scalar scalar:
                return new ScalarNode
                {
                    Start = (int)scalar.Start.Index,
                    End = (int)scalar.End.Index,
                    Marked = !scalar.Anchor.IsEmpty || !scalar.Tag.IsEmpty,
                    Value = scalar.Value,
                    Quote = scalar.Style switch
                    {
                        ScalarStyle.SingleQuoted => ScalarQuote.Single,
                        ScalarStyle.DoubleQuoted => ScalarQuote.Double,
                        ScalarStyle.Literal or ScalarStyle.Folded => ScalarQuote.Block,
                        _ => ScalarQuote.Plain,
                    },
                    IsNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL",
                };
            case MappingStart start:
                return Map(parser, start, text);
            case SequenceStart start:
                return List(parser, start, text);
            case { } alias:
                return new AliasNode { Start = (int)alias.Start.Index, End = (int)alias.End.Index, Marked = true };
            default:
                throw new InvalidOperationException("the YAML parser ended inside a document");
        }
    }

    private static MapNode Map(Parser parser, MappingStart start, string text)
    {
        var map = new MapNode
        {
            Start = (int)start.Start.Index,
            Flow = start.Style == MappingStyle.Flow,
            Marked = !start.Anchor.IsEmpty || !start.Tag.IsEmpty,
        };
        while (parser.MoveNext() && parser.Current is not MappingEnd)
        {
            var key = Read(parser, text);
            parser.MoveNext();
            var value = Read(parser, text);
            if (key is not ScalarNode scalar || scalar is { Quote: ScalarQuote.Plain, Value: "<<" })
            {
                map.HasForeignEntries = true;
                continue;
            }

            var entry = new MapEntry(scalar, value);
            value.Owner = entry;
            value.Parent = map;
            map.Entries.Add(entry);
        }

        // A flow mapping's end event is at its closing brace; a block mapping ends with its last value.
        map.End = map.Flow ? ClosedAt(parser.Current!, '}', text) : map.Entries.Count > 0 ? map.Entries[^1].Value.End : map.Start;
        return map;
    }

    private static ListNode List(Parser parser, SequenceStart start, string text)
    {
        var list = new ListNode
        {
            Start = (int)start.Start.Index,
            Marked = !start.Anchor.IsEmpty || !start.Tag.IsEmpty,
        };
        while (parser.MoveNext() && parser.Current is not SequenceEnd)
        {
            list.Items.Add(Read(parser, text));
        }

        list.End = start.Style == SequenceStyle.Flow ? ClosedAt(parser.Current!, ']', text) : list.Items.Count > 0 ? list.Items[^1].End : list.Start;
        return list;
    }

    private static int ClosedAt(ParsingEvent end, char bracket, string text)
    {
        var at = (int)end.Start.Index;
        return at < text.Length && text[at] == bracket ? at + 1 : throw new InvalidOperationException($"no '{bracket}' where the YAML parser ended a flow collection");
    }
}
