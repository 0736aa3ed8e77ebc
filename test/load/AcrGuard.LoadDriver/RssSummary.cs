namespace AcrGuard.LoadDriver;

/// <summary>
/// Flatness of the RSS samples: the first sample after warm-up against the last, and the
/// largest distance of any later sample from that first one.
/// </summary>
internal sealed record RssSummary(double WarmSeconds, long WarmKib, long EndKib, long MaxKib, double MaxDeviationPercent, int Samples)
{
    public double EndChangePercent => 100.0 * (EndKib - WarmKib) / WarmKib;

    /// <summary>Null when no sample was taken at or after the warm-up.</summary>
    public static RssSummary? Of(IReadOnlyList<(double Seconds, long Kib)> samples, TimeSpan warmup)
    {
        var after = samples.Where(s => s.Seconds >= warmup.TotalSeconds).ToList();
        if (after.Count == 0)
        {
            return null;
        }

        var warm = after[0];
        var deviation = after.Max(s => Math.Abs(s.Kib - warm.Kib)) * 100.0 / warm.Kib;
        return new RssSummary(warm.Seconds, warm.Kib, after[^1].Kib, after.Max(s => s.Kib), deviation, after.Count);
    }
}
