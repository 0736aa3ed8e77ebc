using AcrGuard.Configuration;
using AcrGuard.Images;
using AcrGuard.Rules;
using AcrGuard.Workloads;
using FluentValidation;
using FluentValidation.Results;

namespace AcrGuard.Findings;

/// <summary>
/// Runs the rule catalogue on an object and turns FluentValidation failures into a verdict. The
/// failures carry their configured severity already (<see cref="ObjectValidator"/> composes only
/// the rules that are on, each with its severity); on top of it apply, in order: ratcheting
/// against the old object, controller ownership, and the mode. Shared by <c>check</c> and the
/// webhook; thread-safe and meant to be built once per configuration.
/// </summary>
public sealed class Evaluator
{
    private readonly ObjectValidator validator;

    public Evaluator(AcrGuardConfig config)
    {
        Config = config;
        validator = new ObjectValidator(new RegistryClassifier(config.CustomDomains), new RuleSwitch(config));
    }

    public AcrGuardConfig Config { get; }

    /// <summary>Judges an object read from JSON: kinds out of scope are allowed with no finding.</summary>
    public Verdict Evaluate(KubeObject obj, KubeObject? oldObject = null, EnforcementMode? mode = null) =>
        obj.Reviewed is null ? Verdict.Clean : Evaluate(obj.Reviewed, oldObject?.Reviewed, mode);

    /// <summary>
    /// Judges an object; with <paramref name="oldObject"/> (UPDATE) a finding the old object
    /// already had is a pre-existing warning, never a denial, and AG004 applies.
    /// </summary>
    public Verdict Evaluate(ReviewedObject obj, ReviewedObject? oldObject = null, EnforcementMode? mode = null)
    {
        var failures = validator.Validate(new ReviewSubject(obj, oldObject)).Errors;
        if (failures.Count == 0)
        {
            return Verdict.Clean;
        }

        var previous = oldObject is null ? null : Keys(validator.Validate(new ReviewSubject(oldObject)).Errors);
        var audit = (mode ?? Config.Mode) == EnforcementMode.Audit;
        var findings = new List<Finding>(failures.Count);
        foreach (var failure in failures)
        {
            var severity = failure.Severity == Severity.Error ? FindingSeverity.Error : FindingSeverity.Warning;
            var preExisting = previous?.Contains((failure.ErrorCode, failure.PropertyName)) == true;
            var finding = new Finding(failure.ErrorCode, severity, failure.PropertyName, failure.ErrorMessage)
            {
                PreExisting = preExisting,
                ControllerOwned = obj.IsControllerOwned,
            };
            if (preExisting || obj.IsControllerOwned || audit)
            {
                finding = finding with { Severity = FindingSeverity.Warning };
            }

            findings.Add(finding);
        }

        return new Verdict(findings);
    }

    private static HashSet<(string Rule, string Path)> Keys(List<ValidationFailure> failures)
    {
        var keys = new HashSet<(string, string)>(failures.Count);
        foreach (var failure in failures)
        {
            keys.Add((failure.ErrorCode, failure.PropertyName));
        }

        return keys;
    }
}
