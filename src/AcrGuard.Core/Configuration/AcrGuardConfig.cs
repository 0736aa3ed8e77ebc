using System.Collections.Frozen;

namespace AcrGuard.Configuration;

/// <summary>The configuration file of the contract, validated: the same for <c>check</c>, <c>serve</c> and the ConfigMap.</summary>
public sealed class AcrGuardConfig
{
    public AcrGuardConfig(
        EnforcementMode mode = EnforcementMode.Enforce,
        IReadOnlyList<CustomDomain>? customDomains = null,
        IReadOnlyDictionary<string, RuleSeverity>? rules = null,
        IReadOnlyList<WorkloadKind>? workloads = null)
    {
        Mode = mode;
        CustomDomains = customDomains ?? [];
        Rules = (rules ?? new Dictionary<string, RuleSeverity>()).ToFrozenDictionary(StringComparer.Ordinal);
        Workloads = workloads ?? [];
    }

    public static AcrGuardConfig Default { get; } = new();

    public EnforcementMode Mode { get; }

    public IReadOnlyList<CustomDomain> CustomDomains { get; }

    /// <summary>Severities set per rule id; a rule not named keeps its default.</summary>
    public IReadOnlyDictionary<string, RuleSeverity> Rules { get; }

    /// <summary>Who may set acrguard.io/mode: audit on a namespace (<c>modeLabel</c>).</summary>
    public ModeLabelPolicy ModeLabel { get; init; } = ModeLabelPolicy.Default;

    /// <summary>
    /// The <c>workloads</c> list: kinds beyond the built-in ones that stamp out pods from a
    /// template, judged like a Deployment by <c>check</c>, <c>serve</c> and <c>audit</c>.
    /// </summary>
    public IReadOnlyList<WorkloadKind> Workloads { get; }

    /// <summary>
    /// <c>tls.clientCA</c>: the PEM file of the CAs whose client certificates <c>serve</c> requires
    /// (<c>--client-ca</c> overrides it); null: none required. Read by <c>serve</c> only.
    /// </summary>
    public string? ClientCA { get; init; }

    public AcrGuardConfig WithMode(EnforcementMode mode) => new(mode, CustomDomains, Rules, Workloads) { ModeLabel = ModeLabel, ClientCA = ClientCA };
}
