using AcrGuard.Check.Fixing;
using AcrGuard.Configuration;

namespace AcrGuard.Check;

/// <summary>Everything <c>acrguard check</c> found: each object, each input error, and the totals.</summary>
public sealed class CheckReport(EnforcementMode mode)
{
    public EnforcementMode Mode { get; } = mode;

    public List<CheckedObject> Objects { get; } = [];

    /// <summary>Inputs that could not be read: one line each, naming the file and line.</summary>
    public List<string> InputErrors { get; } = [];

    /// <summary>Files and directories met while walking a directory and not judged, with the reason.</summary>
    public List<SkippedInput> Skipped { get; } = [];

    /// <summary>Whether this run repairs (<c>--fix</c>) and writes (not <c>--dry-run</c>).</summary>
    public FixMode Fix { get; init; }

    /// <summary>With <c>--fix</c>: the files changed (or that would be, with <c>--dry-run</c>), in the order they were checked.</summary>
    public List<FixedFile> FixedFiles { get; } = [];

    /// <summary>With <c>--fix</c>: inputs with repairs that were not made (stdin, renders, a file that cannot be written), one line each.</summary>
    public List<string> FixNotes { get; } = [];

    /// <summary>
    /// Where each object goes as it is added instead of <see cref="Objects"/>: a report written as
    /// it goes (audit) holds no object, only the counts.
    /// </summary>
    public Output.IOpenReport? Output { get; set; }

    /// <summary>The objects added, held in <see cref="Objects"/> or written to <see cref="Output"/>.</summary>
    public int ObjectCount { get; private set; }

    /// <summary>The objects of kinds AcrGuard does not judge.</summary>
    public int NotInScope { get; private set; }

    /// <summary>With <c>--fix</c>: the findings repaired, over every object.</summary>
    public int FindingsRepaired { get; private set; }

    public int Denied { get; private set; }

    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    public void Add(CheckedObject checkedObject)
    {
        ObjectCount++;
        NotInScope += checkedObject.InScope ? 0 : 1;
        FindingsRepaired += checkedObject.Repaired.Count;
        Denied += checkedObject.Verdict.Allowed ? 0 : 1;
        Errors += checkedObject.Verdict.Errors;
        Warnings += checkedObject.Verdict.Warnings;
        if (Output is { } output)
        {
            output.Write(checkedObject);
        }
        else
        {
            Objects.Add(checkedObject);
        }
    }

    /// <summary>The contract's exit status: 2 for bad input, 1 when anything is denied (or warned, with --fail-on-warn), else 0.</summary>
    public int ExitCode(bool failOnWarn) =>
        InputErrors.Count > 0 ? 2 : Denied > 0 || (failOnWarn && Warnings > 0) ? 1 : 0;
}
