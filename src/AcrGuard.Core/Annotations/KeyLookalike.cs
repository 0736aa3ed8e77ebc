namespace AcrGuard.Annotations;

/// <summary>
/// Finds annotation keys that were meant to be ACR pull keys: ECI ignores a misspelt key without
/// a word, so <c>acr-instances-ids</c> silently means "no instance id".
/// </summary>
public static class KeyLookalike
{
    private const int MaxDistance = 2;

    // ECI's own annotations (ECI pod annotation reference): real keys, never typos of ACR ones.
    // k8s.aliyun.com/eci-instance-id, which ECI writes on every pod it runs, is within edit
    // distance 2 of acr-instance-id: without this every ECI pod would be a lookalike.
    private const string EciPrefix = "k8s.aliyun.com/eci-";

    // Annotation keys are at most 253 + 1 + 63 characters (a DNS prefix and a name, Kubernetes'
    // validation); a longer one is no lookalike of a 31-character key.
    private const int MaxKeyLength = 317;

    /// <summary>The known key that <paramref name="key"/> was probably meant to be, or null if it is not a lookalike.</summary>
    public static string? IntendedKey(string key) => IntendedKey(key.AsSpan());

    /// <inheritdoc cref="IntendedKey(string)"/>
    /// <remarks>On a span, so that the reader can ask of every key of every object without making a string of it.</remarks>
    public static string? IntendedKey(ReadOnlySpan<char> key)
    {
        if (AcrAnnotationKeys.IsPullKey(key))
        {
            return null;
        }

        // Most keys are too long or too short to be a lookalike and do not start with the prefix:
        // lowering the first characters tells (lowered, as a Kelvin sign is a k).
        Span<char> start = stackalloc char[AcrAnnotationKeys.Prefix.Length];
        var head = key[..Math.Min(key.Length, start.Length)];
        head.ToLowerInvariant(start);
        var looksLikePrefix = start[..head.Length].SequenceEqual(AcrAnnotationKeys.Prefix);
        if (!looksLikePrefix && !WithinReach(key.Length))
        {
            return null;
        }

        if (key.Length > MaxKeyLength)
        {
            return IntendedKey(key.ToString().ToLowerInvariant(), looksLikePrefix);
        }

        Span<char> lowered = stackalloc char[key.Length];
        key.ToLowerInvariant(lowered);
        return IntendedKey(lowered, looksLikePrefix);
    }

    private static string? IntendedKey(ReadOnlySpan<char> lowered, bool looksLikePrefix)
    {
        if (lowered.StartsWith(EciPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var known in AcrAnnotationKeys.InOrder)
        {
            // Levenshtein is quadratic: only keys of a similar length can be within reach.
            if (!looksLikePrefix && Math.Abs(known.Length - lowered.Length) > MaxDistance)
            {
                continue;
            }

            var distance = EditDistance(lowered, known);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = known;
            }
        }

        return looksLikePrefix || bestDistance <= MaxDistance ? best : null;
    }

    // Whether a key of this length can be within MaxDistance of any known key.
    private static bool WithinReach(int length)
    {
        foreach (var known in AcrAnnotationKeys.InOrder)
        {
            if (Math.Abs(known.Length - length) <= MaxDistance)
            {
                return true;
            }
        }

        return false;
    }

    internal static int EditDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            current.CopyTo(previous);
        }

        return previous[b.Length];
    }
}
