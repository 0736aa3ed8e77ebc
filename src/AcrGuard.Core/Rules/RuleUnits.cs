namespace AcrGuard.Rules;

/// <summary>
/// Every rule unit, in catalogue order (the order of findings): one per id of
/// <see cref="RuleCatalog"/>, as <c>CatalogueConsistencyTests</c> proves.
/// </summary>
internal static class RuleUnits
{
    public static readonly IReadOnlyList<IRule> All =
    [
        new AG001WorkloadMetadataPlacement(),
        new AG002CrossAccountPair(),
        new AG003CustomDomainInstanceId(),
        new AG004ReadOnceChange(),
        new AG005ArnFormat(),
        new AG006InstanceIdFormat(),
        new AG007LookalikeKey(),
        new AG008NonAcrImages(),
        new AG009SameAccountRoles(),
        new AG010UnknownRegistryHost(),
        new AG011EciMarker(),
        new AG012PullSecretFormat(),
        new AG013LegacyInstanceIdKey(),
    ];
}
