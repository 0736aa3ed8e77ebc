namespace AcrGuard.Rules;

/// <summary>
/// One rule of the catalogue as code: its condition, its message and its path in one place. A
/// unit adds its FluentValidation rules to the <see cref="ObjectValidator"/> only when the
/// configuration leaves it on, so a rule switched off never runs.
/// </summary>
internal interface IRule
{
    /// <summary>The catalogue entry: the id is the error code of every finding, the default severity applies unless configured.</summary>
    RuleDescriptor Rule { get; }

    void Compose(RuleComposer rules);
}
