using System.Text;

namespace AcrGuard.Manifests;

/// <summary>
/// One input of <c>check</c>: a file's bytes as read, or a text (stdin, a render, a repaired
/// file). A YAML file is parsed straight from its bytes, decoded a block at a time as the parser
/// reads, so that a stream of 50,000 objects never becomes one string of twice its size: building
/// that string cost a sixth of <c>check</c>'s time (docs/performance.md). The whole text is made
/// only when something needs it: a JSON file, or a file that failed to parse and is classified.
/// </summary>
public sealed class ManifestSource
{
    private readonly byte[]? utf8;
    private string? text;

    private ManifestSource(byte[]? utf8, string? text)
    {
        this.utf8 = utf8;
        this.text = text;
    }

    public static ManifestSource OfText(string text) => new(null, text);

    public static ManifestSource OfUtf8(byte[] utf8) => new(utf8, null);

    /// <summary>The whole text, decoded on first use as <see cref="File.ReadAllText(string, Encoding)"/> would (a byte-order mark dropped, invalid bytes as U+FFFD).</summary>
    public string Text => text ??= Decode();

    /// <summary>The documents, read one at a time (<see cref="ManifestLoader.Load(string, string)"/>).</summary>
    public IEnumerable<ManifestDocument> Documents(string file)
    {
        if (text is not null || !IsUtf8 || ManifestLoader.LooksLikeJson(file, Body))
        {
            return ManifestLoader.Load(file, Text);
        }

        // The same decoding as File.ReadAllText's: invalid bytes become U+FFFD, never an exception.
        var reader = new StreamReader(new MemoryStream(utf8!, Preamble, utf8!.Length - Preamble, writable: false), ManifestLoader.Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        return ManifestLoader.LoadYaml(file, reader);
    }

    // File.ReadAllText honours a UTF-16 or UTF-32 byte-order mark; such a file is decoded as it would.
    private bool IsUtf8 => utf8 is not ([0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0x00, 0x00, 0xFE, 0xFF, ..]);

    private string Decode()
    {
        if (IsUtf8)
        {
            return ManifestLoader.Utf8.GetString(Body);
        }

        using var reader = new StreamReader(new MemoryStream(utf8!, writable: false), ManifestLoader.Utf8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    // A byte-order mark is not content (ManifestLoader.Load drops it from a text too).
    private int Preamble => utf8 is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;

    private ReadOnlySpan<byte> Body => utf8.AsSpan(Preamble);
}
