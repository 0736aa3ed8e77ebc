using AcrGuard.Check;
using AcrGuard.Configuration;
using AcrGuard.Findings;

namespace AcrGuard.Fuzz;

/// <summary>
/// The manifest loader of <c>acrguard check</c> end to end: YAML/JSON text to documents, objects,
/// verdicts and finding lines. Bad input must end as an input error in the report; any exception
/// that escapes is a crash for AFL.
/// </summary>
internal static class ManifestTarget
{
    private static readonly CheckRunner Runner = new(
        new Evaluator(ConfigReader.Parse("registries:\n  customDomains:\n    - {domain: test1234-registry.example.com, instanceId: cri-j36zhodptmyq1234}\n")),
        EnforcementMode.Enforce);

    public static void Run(string text)
    {
        var report = new CheckReport(EnforcementMode.Enforce);
        Runner.CheckText(report, text.StartsWith('{') ? "fuzz.json" : "fuzz.yaml", text);
    }
}
