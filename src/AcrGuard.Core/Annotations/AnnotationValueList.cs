namespace AcrGuard.Annotations;

/// <summary>
/// An ACR pull annotation value: a comma-separated list whose items are trimmed. The docs show a
/// single item only; lists are inferred from the plural keys, so they are accepted. An empty item
/// (a trailing comma, an empty value) is kept so that the rules can call it malformed. Items are
/// spans: the rules read every item of every pull annotation on every request, and strings would
/// be allocated for items that are fine.
/// </summary>
public ref struct AnnotationValueList(string value)
{
    private ReadOnlySpan<char> rest = value;
    private bool done;

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly AnnotationValueList GetEnumerator() => this;

    public bool MoveNext()
    {
        if (done)
        {
            return false;
        }

        var comma = rest.IndexOf(',');
        if (comma < 0)
        {
            Current = rest.Trim();
            done = true;
        }
        else
        {
            Current = rest[..comma].Trim();
            rest = rest[(comma + 1)..];
        }

        return true;
    }
}
