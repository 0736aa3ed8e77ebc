namespace AcrGuard.Rules;

/// <summary>
/// The items of an annotation value as <see cref="Annotations.AnnotationValueList"/> reads them
/// (split at commas, trimmed, empty items kept), as spans: every item of every pull annotation is
/// checked on every request, and strings would be allocated for items that are fine.
/// </summary>
internal ref struct AnnotationItems(string value)
{
    private ReadOnlySpan<char> rest = value;
    private bool done;

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly AnnotationItems GetEnumerator() => this;

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
