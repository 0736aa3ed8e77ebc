using AcrGuard.Vap.Checks;

namespace AcrGuard.Vap;

/// <summary>
/// The rules `acrguard vap` enforces, in catalogue order. The others are left to the webhook:
/// AG007 compares keys by edit distance, which CEL cannot compute without a comprehension per
/// character pair of every annotation key.
/// </summary>
internal static class VapRules
{
    public static readonly IReadOnlyList<VapRule> All =
    [
        new AG001Check(),
        new AG002Check(),
        new AG003Check(),
        new AG004Check(),
        new AG005Check(),
        new AG006Check(),
        new AG008Check(),
        new AG009Check(),
        new AG010Check(),
        new AG011Check(),
        new AG012Check(),
        new AG013Check(),
    ];
}
