using System.Buffers;
using System.Text.Json;
using AcrGuard.Json;

namespace AcrGuard.Manifests;

/// <summary>
/// The lines of a JSON input, indexed on first use by one <see cref="Utf8JsonReader"/> pass over
/// the text (no tree, a line count up to each token): most objects have no finding, and a file
/// whose objects have none is read once. A key with a scalar value is at the key's line; a key
/// whose value is an object or array, and a list item, at the line of the value's first token,
/// as a YAML reader of the same text places them.
/// </summary>
internal sealed class JsonLines(string text) : IDocumentLines
{
    private DocumentLines? lines;

    // Where the reader is in the tree: a container's path hash, and the next item's index in a list.
    private record struct Frame(ulong Path, bool Object, int NextIndex);

    public int? LineOf(string itemPath, string findingPath) => (lines ??= Index(text)).LineOf(itemPath, findingPath);

    private static DocumentLines Index(string text)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(ManifestLoader.Utf8.GetByteCount(text));
        try
        {
            var length = ManifestLoader.Utf8.GetBytes(text, utf8);
            return Index(utf8.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    private static DocumentLines Index(ReadOnlySpan<byte> utf8)
    {
        var index = new DocumentLines();
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(utf8, JsonReading.ReaderOptions);
        var name = new char[64];
        var line = 1;
        var counted = 0;
        var keyPath = DocumentLines.Root;
        var keyLine = 0;
        try
        {
            while (reader.Read())
            {
                // JSON strings hold no raw line break, so every '\n' before a token ends a line.
                var start = (int)reader.TokenStartIndex;
                line += utf8[counted..start].Count((byte)'\n');
                counted = start;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (name.Length < reader.ValueSpan.Length)
                        {
                            name = new char[reader.ValueSpan.Length];
                        }

                        keyPath = DocumentLines.Key(frames[^1].Path, name.AsSpan(0, reader.CopyString(name)));
                        keyLine = line;
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        continue;
                }

                var container = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
                var path = DocumentLines.Root;
                if (frames.Count > 0 && frames[^1].Object)
                {
                    path = keyPath;
                    index.Add(path, container ? line : keyLine);
                }
                else if (frames.Count > 0)
                {
                    var list = frames[^1];
                    path = DocumentLines.Index(list.Path, list.NextIndex);
                    index.Add(path, line);
                    frames[^1] = list with { NextIndex = list.NextIndex + 1 };
                }

                if (container)
                {
                    frames.Add(new Frame(path, reader.TokenType == JsonTokenType.StartObject, 0));
                }
            }
        }
        catch (JsonException)
        {
            // JsonDocument read this text with the same options, so this is not expected; what
            // was indexed stands, and a path past it is placed at its document's line.
        }

        return index;
    }
}
