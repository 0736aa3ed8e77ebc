namespace AcrGuard.Manifests;

/// <summary>
/// Walks a finding's path (<c>spec.template.metadata.annotations['k']</c>, <c>spec.containers[0].image</c>)
/// segment by segment, without allocating: a mapping key or a list index each step.
/// </summary>
public ref struct FindingPath(ReadOnlySpan<char> path)
{
    private readonly ReadOnlySpan<char> path = path;
    private int position;

    public ReadOnlySpan<char> Key { get; private set; }

    /// <summary>The list index of the current segment, or -1 when it is a mapping key.</summary>
    public int Index { get; private set; }

    /// <summary>Moves to the next segment; false at the end, and <see cref="Malformed"/> when the path cannot be read.</summary>
    public bool MoveNext()
    {
        while (position < path.Length && path[position] == '.')
        {
            position++;
        }

        if (position >= path.Length || Malformed)
        {
            return false;
        }

        var rest = path[position..];
        if (rest.StartsWith("['"))
        {
            var end = rest.IndexOf("']");
            return end < 0 ? Fail() : Segment(rest[2..end], -1, end + 2);
        }

        if (rest[0] == '[')
        {
            var end = rest.IndexOf(']');
            return end < 0 || !int.TryParse(rest[1..end], System.Globalization.CultureInfo.InvariantCulture, out var index) || index < 0
                ? Fail()
                : Segment([], index, end + 1);
        }

        var stop = rest.IndexOfAny('.', '[');
        stop = stop < 0 ? rest.Length : stop;
        return Segment(rest[..stop], -1, stop);
    }

    public bool Malformed { get; private set; }

    private bool Segment(ReadOnlySpan<char> key, int index, int length)
    {
        Key = key;
        Index = index;
        position += length;
        return true;
    }

    private bool Fail()
    {
        Malformed = true;
        return false;
    }
}
