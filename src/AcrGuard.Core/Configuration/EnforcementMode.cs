namespace AcrGuard.Configuration;

public enum EnforcementMode
{
    /// <summary>Error findings deny.</summary>
    Enforce,

    /// <summary>Nothing denies; every finding is a warning.</summary>
    Audit,
}
