namespace AcrGuard.Repairs.Syntax;

/// <summary>
/// The lines of a text by character offset, split at <c>\n</c> (a <c>\r</c> before it belongs to
/// the line break): where each line starts and ends, its indentation, and the line break the
/// text uses, for edits that keep lines whole.
/// </summary>
internal sealed class TextLines
{
    private readonly string text;
    private readonly List<int> starts = [0];

    public TextLines(string text)
    {
        this.text = text;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }

        var first = text.IndexOf('\n');
        NewLine = first > 0 && text[first - 1] == '\r' ? "\r\n" : "\n";
    }

    /// <summary>The line break of the text's first line: new lines are written with it.</summary>
    public string NewLine { get; }

    /// <summary>The 0-based line of the character at <paramref name="index"/>.</summary>
    public int LineOf(int index)
    {
        var found = starts.BinarySearch(index);
        return found >= 0 ? found : ~found - 1;
    }

    public int StartOf(int line) => starts[line];

    /// <summary>Where the line's content ends: at its line break (before a <c>\r</c>), or at the end of the text.</summary>
    public int EndOf(int line)
    {
        if (line + 1 >= starts.Count)
        {
            return text.Length;
        }

        var end = starts[line + 1] - 1;
        return end > starts[line] && text[end - 1] == '\r' ? end - 1 : end;
    }

    /// <summary>Where the next line starts (past this line's break), or the end of the text on the last line.</summary>
    public int NextStart(int line) => line + 1 < starts.Count ? starts[line + 1] : text.Length;

    /// <summary>Whether the line ends with a line break (every line but a last one without it).</summary>
    public bool HasBreak(int line) => line + 1 < starts.Count;

    public int Column(int index) => index - starts[LineOf(index)];

    /// <summary>The spaces the line starts with.</summary>
    public int Indentation(int line)
    {
        var i = starts[line];
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i - starts[line];
    }

    /// <summary>Whether the line holds only a comment (after spaces).</summary>
    public bool IsComment(int line)
    {
        var i = starts[line] + Indentation(line);
        return i < EndOf(line) && text[i] == '#';
    }

    /// <summary>Whether [<paramref name="from"/>, <paramref name="to"/>) is spaces only.</summary>
    public bool IsSpaces(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (text[i] != ' ')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the rest of the line from <paramref name="index"/> is blank or a comment: nothing of the document follows on it.</summary>
    public bool RestIsBlankOrComment(int index)
    {
        var end = EndOf(LineOf(index));
        for (var i = index; i < end; i++)
        {
            if (text[i] == '#')
            {
                return i == index || text[i - 1] is ' ' or '\t';
            }

            if (text[i] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }
}
