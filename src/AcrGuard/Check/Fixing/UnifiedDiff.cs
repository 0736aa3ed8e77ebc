using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace AcrGuard.Check.Fixing;

/// <summary>
/// A file's repair as a unified diff (git's <c>a/</c> and <c>b/</c> paths, three lines of context),
/// which <c>git apply</c> and <c>patch -p1</c> take. Lines keep their own line breaks (a CRLF file's
/// diff carries its CRs); a last line without one is marked as diff marks it. The line diff is DiffPlex's.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    public static string Of(string path, string before, string after)
    {
        var diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, LineEndingsPreservingChunker.Instance);
        if (diff.DiffBlocks.Count == 0)
        {
            return string.Empty;
        }

        var shown = path.Replace('\\', '/');
        var text = new StringBuilder().Append("--- a/").Append(shown).Append('\n').Append("+++ b/").Append(shown).Append('\n');
        foreach (var hunk in Hunks(diff.DiffBlocks))
        {
            Write(text, diff, hunk);
        }

        return text.ToString();
    }

    // Blocks closer than twice the context share a hunk, as diff -u groups them.
    private static List<List<DiffBlock>> Hunks(IList<DiffBlock> blocks)
    {
        var hunks = new List<List<DiffBlock>> { new() { blocks[0] } };
        for (var i = 1; i < blocks.Count; i++)
        {
            var previous = hunks[^1][^1];
            if (blocks[i].DeleteStartA - (previous.DeleteStartA + previous.DeleteCountA) <= 2 * Context)
            {
                hunks[^1].Add(blocks[i]);
            }
            else
            {
                hunks.Add([blocks[i]]);
            }
        }

        return hunks;
    }

    private static void Write(StringBuilder text, DiffResult diff, List<DiffBlock> hunk)
    {
        var old = diff.PiecesOld;
        var first = hunk[0];
        var last = hunk[^1];
        var startA = Math.Max(0, first.DeleteStartA - Context);
        var endA = Math.Min(old.Count, last.DeleteStartA + last.DeleteCountA + Context);
        var startB = first.InsertStartB - (first.DeleteStartA - startA);
        var lengthB = endA - startA - hunk.Sum(b => b.DeleteCountA) + hunk.Sum(b => b.InsertCountB);
        text.Append($"@@ -{Range(startA, endA - startA)} +{Range(startB, lengthB)} @@\n");

        var at = startA;
        foreach (var block in hunk)
        {
            for (; at < block.DeleteStartA; at++)
            {
                Line(text, ' ', old[at]);
            }

            for (var i = 0; i < block.DeleteCountA; i++)
            {
                Line(text, '-', old[block.DeleteStartA + i]);
            }

            for (var i = 0; i < block.InsertCountB; i++)
            {
                Line(text, '+', diff.PiecesNew[block.InsertStartB + i]);
            }

            at = block.DeleteStartA + block.DeleteCountA;
        }

        for (; at < endA; at++)
        {
            Line(text, ' ', old[at]);
        }
    }

    // `-l,s` with 1-based lines; an empty range is named by the line before it, as diff does.
    private static string Range(int start, int length) => length == 0 ? $"{start},0" : length == 1 ? $"{start + 1}" : $"{start + 1},{length}";

    private static void Line(StringBuilder text, char mark, string line)
    {
        text.Append(mark).Append(line);
        if (!line.EndsWith('\n'))
        {
            text.Append("\n\\ No newline at end of file\n");
        }
    }
}
