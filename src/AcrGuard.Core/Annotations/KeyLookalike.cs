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

    /// <summary>The known key that <paramref name="key"/> was probably meant to be, or null if it is not a lookalike.</summary>
    public static string? IntendedKey(string key)
    {
        if (AcrAnnotationKeys.IsPullKey(key))
        {
            return null;
        }

        var lowered = key.ToLowerInvariant();
        if (lowered.StartsWith(EciPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var looksLikePrefix = lowered.StartsWith(AcrAnnotationKeys.Prefix, StringComparison.Ordinal);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var known in AcrAnnotationKeys.All)
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

    internal static int EditDistance(string a, string b)
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
