using System.Text.Json;

namespace AcrGuard.Audit.Cluster;

/// <summary>
/// One page of a list, read from the answer's bytes: its items one at a time, and the token for
/// the next page (null on the last). The page is not parsed into one tree: a page of 500 Pods is
/// 2 MB of JSON and its tree as large again, rented from the shared ArrayPool and kept there by
/// every thread that returned one, which made an audit's memory grow with the pages it had read
/// (docs/performance.md). Each item gets a tree of its own, released when the next is read.
/// </summary>
public sealed class ListPage : IDisposable
{
    private readonly byte[] utf8;
    private readonly List<Range> items;
    private readonly Action<byte[]>? release;
    private JsonDocument? current;
    private bool disposed;

    private ListPage(byte[] utf8, List<Range> items, string? continueToken, string? resourceVersion, Action<byte[]>? release)
    {
        this.utf8 = utf8;
        this.items = items;
        this.release = release;
        Continue = continueToken;
        ResourceVersion = resourceVersion;
    }

    public int Count => items.Count;

    public string? Continue { get; }

    public string? ResourceVersion { get; }

    /// <summary>
    /// Reads the list in the first <paramref name="length"/> bytes of <paramref name="utf8"/>, which
    /// the page holds until disposed and then hands to <paramref name="release"/>. A
    /// <see cref="JsonException"/> when it is not JSON; a list without <c>items</c> has none.
    /// </summary>
    public static ListPage Read(byte[] utf8, int length, Action<byte[]>? release = null)
    {
        var reader = new Utf8JsonReader(utf8.AsSpan(0, length));
        var items = new List<Range>();
        string? continueToken = null, resourceVersion = null;
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("items"u8))
                {
                    // A key given twice is read as JsonDocument reads it: the last one counts.
                    items.Clear();
                    ReadItems(ref reader, items);
                }
                else if (reader.ValueTextEquals("metadata"u8))
                {
                    (continueToken, resourceVersion) = (null, null);
                    ReadMetadata(ref reader, ref continueToken, ref resourceVersion);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        else
        {
            reader.Skip();
        }

        // The rest is read too, so that a page that is not JSON after its items is refused whole.
        while (reader.Read())
        {
        }

        return new ListPage(utf8, items, continueToken is { Length: > 0 } ? continueToken : null, resourceVersion, release);
    }

    /// <summary>The items in order; each is valid until the next one is read (or the page disposed).</summary>
    public IEnumerable<JsonElement> Items()
    {
        foreach (var range in items)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            current?.Dispose();
            current = JsonDocument.Parse(utf8.AsMemory(range));
            yield return current.RootElement;
        }

        current?.Dispose();
        current = null;
    }

    private static void ReadItems(ref Utf8JsonReader reader, List<Range> items)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            items.Add(start..(int)reader.BytesConsumed);
        }
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, ref string? continueToken, ref string? resourceVersion)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isContinue = reader.ValueTextEquals("continue"u8);
            var isVersion = reader.ValueTextEquals("resourceVersion"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && (isContinue || isVersion))
            {
                (isContinue ? ref continueToken : ref resourceVersion) = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        current?.Dispose();
        current = null;
        release?.Invoke(utf8);
    }
}
