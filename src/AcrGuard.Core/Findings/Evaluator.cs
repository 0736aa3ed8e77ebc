using AcrGuard.Configuration;
using AcrGuard.Images;
using AcrGuard.Rules;
using AcrGuard.Workloads;
using FluentValidation;
using FluentValidation.Results;

namespace AcrGuard.Findings;

/// <summary>
/// Runs the rule catalogue on an object and turns FluentValidation failures into a verdict,
/// applying, in order: the configured severity per rule, ratcheting against the old object,
/// controller ownership, and the mode. Shared by <c>check</c> and the webhook; thread-safe and
/// meant to be built once per configuration.
/// </summary>
public sealed class Evaluator
{
    private readonly ObjectValidator validator;
    private readonly RuleSwitch rules;

    public Evaluator(AcrGuardConfig config)
    {
        Config = config;
        rules = new RuleSwitch(config);
        validator = new ObjectValidator(new RegistryClassifier(config.CustomDomains), rules);
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
            var descriptor = RuleCatalog.Find(failure.ErrorCode);
            if (descriptor is null || rules.SeverityOf(descriptor) is not { } configured)
            {
                continue;
            }

            // Info marks an advisory (AG001's harmless copy): a warning whatever the configuration says.
            var severity = configured == RuleSeverity.Error && failure.Severity != Severity.Info
                ? FindingSeverity.Error
                : FindingSeverity.Warning;
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

        return findings.Count == 0 ? Verdict.Clean : new Verdict(findings);
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
