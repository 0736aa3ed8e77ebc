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

    public int Denied { get; private set; }

    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    public void Add(CheckedObject checkedObject)
    {
        Objects.Add(checkedObject);
        Denied += checkedObject.Verdict.Allowed ? 0 : 1;
        Errors += checkedObject.Verdict.Errors;
        Warnings += checkedObject.Verdict.Warnings;
    }

    /// <summary>The contract's exit status: 2 for bad input, 1 when anything is denied (or warned, with --fail-on-warn), else 0.</summary>
    public int ExitCode(bool failOnWarn) =>
        InputErrors.Count > 0 ? 2 : Denied > 0 || (failOnWarn && Warnings > 0) ? 1 : 0;
}
