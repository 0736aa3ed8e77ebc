using System.Text;
using System.Text.Json;

namespace AcrGuard.Repairs.Syntax;

/// <summary>
/// A JSON text as a <see cref="SyntaxNode"/> tree located by <see cref="Utf8JsonReader"/>'s token
/// positions, turned from UTF-8 byte offsets into the text's character offsets. Only texts the
/// loader has read are parsed, with the same depth limit.
/// </summary>
internal static class JsonSyntax
{
    public static SyntaxNode Parse(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var chars = CharOffsets(text, utf8.Length);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        reader.Read();
        return Read(ref reader, chars);
    }

    // On the value's first token; leaves the reader on its last.
    private static SyntaxNode Read(ref Utf8JsonReader reader, int[] chars)
    {
        var start = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var map = new MapNode { Start = chars[start], Flow = true };
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = String(ref reader, chars);
                    reader.Read();
                    var value = Read(ref reader, chars);
                    var entry = new MapEntry(key, value);
                    value.Owner = entry;
                    value.Parent = map;
                    map.Entries.Add(entry);
                }

                map.End = chars[reader.TokenStartIndex + 1];
                return map;
            case JsonTokenType.StartArray:
                var list = new ListNode { Start = chars[start] };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Items.Add(Read(ref reader, chars));
                }

                list.End = chars[reader.TokenStartIndex + 1];
                return list;
            case JsonTokenType.String:
                return String(ref reader, chars);
            default:
                return new ScalarNode
                {
                    Start = chars[start],
                    End = chars[start + reader.ValueSpan.Length],
                    Value = Encoding.UTF8.GetString(reader.ValueSpan),
                    IsNull = reader.TokenType == JsonTokenType.Null,
                };
        }
    }

    // A string or property name: ValueSpan is the raw text between the quotes, escapes included.
    private static ScalarNode String(ref Utf8JsonReader reader, int[] chars)
    {
        var start = (int)reader.TokenStartIndex;
        return new ScalarNode
        {
            Start = chars[start],
            End = chars[start + reader.ValueSpan.Length + 2],
            Value = reader.GetString() ?? string.Empty,
            Quote = ScalarQuote.Double,
        };
    }

    // The character offset of each UTF-8 byte offset that starts a character (and of the end).
    private static int[] CharOffsets(string text, int byteCount)
    {
        var chars = new int[byteCount + 1];
        var at = 0;
        for (var i = 0; i < text.Length; i++)
        {
            chars[at] = i;
            var c = text[i];
            at += c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsHighSurrogate(c) ? 4 : char.IsLowSurrogate(c) ? 0 : 3;
        }

        chars[byteCount] = text.Length;
        return chars;
    }
}
