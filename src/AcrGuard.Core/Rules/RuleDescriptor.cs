using AcrGuard.Configuration;

namespace AcrGuard.Rules;

/// <summary>
/// A rule of the catalogue (docs/rules.md): its id is the FluentValidation error code of its
/// findings; its default severity is what applies when the configuration names it not.
/// </summary>
public sealed record RuleDescriptor(string Id, RuleSeverity DefaultSeverity, string Title, string Description)
{
    /// <summary>The rule's section of docs/rules.md, relative to the repository root.</summary>
    public string Docs => $"docs/rules.md#{Id.ToLowerInvariant()}";

    public string HelpUri => $"https://github.com/acrguard/acrguard/blob/main/{Docs}";
}
