using AcrGuard.Findings;
using FluentValidation;
using FluentValidation.Results;

namespace AcrGuard.Rules;

internal static class ValidationContextExtensions
{
    /// <summary>
    /// Adds a finding of <paramref name="rule"/> at an explicit object path: paths name fields of
    /// the Kubernetes object (<c>spec.template.metadata.annotations['...']</c>), not properties of
    /// the view validated. The rule's id is the error code and its configured severity the
    /// failure's, so the failure is the finding as configured.
    /// </summary>
    public static void Report<T>(this ValidationContext<T> context, ActiveRule rule, string path, string message) =>
        context.AddFailure(new ValidationFailure(path, MessageText.Clamp($"{rule.Rule.Id} {message}"))
        {
            ErrorCode = rule.Rule.Id,
            Severity = rule.Severity,
        });
}
