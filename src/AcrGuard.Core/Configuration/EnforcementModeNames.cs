namespace AcrGuard.Configuration;

/// <summary>
/// How a mode is spelt everywhere outside the code: the configuration's <c>mode</c>, <c>--mode</c>,
/// the <c>acrguard.io/mode</c> label's value, the <c>mode</c> tag of the metrics, log lines and
/// reports. One spelling, so that a label, a flag and a metric can never disagree.
/// </summary>
public static class EnforcementModeNames
{
    public const string Enforce = "enforce";

    public const string Audit = "audit";

    public static string Name(this EnforcementMode mode) => mode == EnforcementMode.Audit ? Audit : Enforce;

    /// <summary>The mode a name spells, or null for anything else (names compare exactly, as YAML and flags are written).</summary>
    public static EnforcementMode? Parse(string? name) => name switch
    {
        Enforce => EnforcementMode.Enforce,
        Audit => EnforcementMode.Audit,
        _ => null,
    };
}
