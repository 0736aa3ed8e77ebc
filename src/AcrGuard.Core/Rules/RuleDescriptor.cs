using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>A rule of the catalogue (docs/rules.md): its id is the FluentValidation error code of its findings.</summary>
public sealed record RuleDescriptor(string Id, Severity DefaultSeverity, string Title, string Description)
{
    public string HelpUri => $"https://github.com/acrguard/acrguard/blob/main/docs/rules.md#{Id.ToLowerInvariant()}";
}
