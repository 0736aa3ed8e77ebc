using System.Collections.Concurrent;
using System.Diagnostics;

namespace AcrGuard.LoadDriver;

/// <summary>
/// The server certificate of every TLS handshake, that is of every new connection: how a
/// rotation on disk is seen to reach new connections while old ones keep theirs.
/// </summary>
internal sealed class ThumbprintLog
{
    private readonly ConcurrentDictionary<string, Seen> seen = new(StringComparer.Ordinal);
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public int Handshakes => seen.Values.Sum(s => s.Count);

    public void Record(string thumbprint)
    {
        var at = clock.Elapsed;
        seen.AddOrUpdate(thumbprint, _ => new Seen(at, 1), (_, s) => s with { Count = s.Count + 1 });
    }

    /// <summary>Each certificate seen, in the order first seen.</summary>
    public IReadOnlyList<(string Thumbprint, TimeSpan FirstSeen, int Handshakes)> Distinct() =>
        [.. seen.OrderBy(s => s.Value.First).Select(s => (s.Key, s.Value.First, s.Value.Count))];

    private sealed record Seen(TimeSpan First, int Count);
}
