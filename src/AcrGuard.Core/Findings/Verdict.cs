namespace AcrGuard.Findings;

/// <summary>The outcome for one object: its findings and whether it may be admitted.</summary>
public sealed class Verdict
{
    public static readonly Verdict Clean = new([]);

    public Verdict(IReadOnlyList<Finding> findings)
    {
        Findings = findings;
        foreach (var finding in findings)
        {
            if (finding.Severity == FindingSeverity.Error)
            {
                Errors++;
            }
            else
            {
                Warnings++;
            }
        }
    }

    public IReadOnlyList<Finding> Findings { get; }

    public int Errors { get; }

    public int Warnings { get; }

    /// <summary>Decided from severities alone: an object is denied if and only if an error remains.</summary>
    public bool Allowed => Errors == 0;
}
