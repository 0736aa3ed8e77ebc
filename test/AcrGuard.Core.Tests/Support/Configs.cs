using AcrGuard.Configuration;

namespace AcrGuard.Core.Tests.Support;

internal static class Configs
{
    /// <summary>test1234-registry.example.com fronts instance cri-j36zhodptmyq1234, as in the source document's custom-domain scenario.</summary>
    public static AcrGuardConfig CustomDomain(string instanceId = Fixtures.InstanceId) =>
        ConfigReader.Parse($"""
            registries:
              customDomains:
                - domain: test1234-registry.example.com
                  instanceId: {instanceId}
            """);

    public static AcrGuardConfig WithRule(string rule, string severity) => ConfigReader.Parse($"rules:\n  {rule}: {severity}\n");
}
