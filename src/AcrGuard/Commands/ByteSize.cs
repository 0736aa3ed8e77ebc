using System.Globalization;

namespace AcrGuard.Commands;

/// <summary>A byte count as a flag takes it: <c>50331648</c>, or with a Kubernetes binary suffix, <c>48Mi</c>, <c>1Gi</c>.</summary>
internal static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Suffixes = [("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30)];

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var factor = 1L;
        foreach (var (suffix, value) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                factor = value;
                text = text[..^suffix.Length];
                break;
            }
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > long.MaxValue / factor)
        {
            return false;
        }

        bytes = count * factor;
        return true;
    }
}
