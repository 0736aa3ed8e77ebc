using AcrGuard.Configuration;
using AcrGuard.Findings;
using FluentValidation;
using FluentValidation.Results;

namespace AcrGuard.Rules;

internal static class ValidationContextExtensions
{
    /// <summary>
    /// Adds a finding at an explicit object path: paths name fields of the Kubernetes object
    /// (<c>spec.template.metadata.annotations['...']</c>), not properties of the view validated.
    /// </summary>
    public static void Report<T>(this ValidationContext<T> context, RuleDescriptor rule, string path, string message, Severity? severity = null) =>
        context.AddFailure(new ValidationFailure(path, MessageText.Clamp($"{rule.Id} {message}"))
        {
            ErrorCode = rule.Id,
            // The verdict's severity comes from RuleSwitch; only Info (an advisory) is read from here.
            Severity = severity ?? (rule.DefaultSeverity == RuleSeverity.Warning ? Severity.Warning : Severity.Error),
        });
}
