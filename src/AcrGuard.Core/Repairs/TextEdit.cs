namespace AcrGuard.Repairs;

/// <summary>
/// One change to a text: the characters in [<see cref="Start"/>, <see cref="End"/>) replaced by
/// <see cref="Replacement"/> (an insertion where the two are equal). Every character outside the
/// edits of a repair stays as it was written.
/// </summary>
public readonly record struct TextEdit(int Start, int End, string Replacement)
{
    public static TextEdit Insert(int at, string text) => new(at, at, text);

    public static TextEdit Delete(int start, int end) => new(start, end, string.Empty);

    /// <summary>
    /// The text with every edit made. Edits must not overlap; an insertion at the start of a
    /// deletion goes where the deleted text was.
    /// </summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var ordered = Order(edits);
        var result = new System.Text.StringBuilder(text.Length + 256);
        var at = 0;
        foreach (var edit in ordered)
        {
            result.Append(text, at, edit.Start - at).Append(edit.Replacement);
            at = edit.End;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The edits in text order, insertions before a deletion at the same place; an overlap is a bug in the repair that made them.</summary>
    public static List<TextEdit> Order(IEnumerable<TextEdit> edits)
    {
        var ordered = edits.OrderBy(e => e.Start).ThenBy(e => e.End - e.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Start < ordered[i - 1].End)
            {
                throw new InvalidOperationException($"edits overlap at {ordered[i].Start}");
            }
        }

        return ordered;
    }
}
