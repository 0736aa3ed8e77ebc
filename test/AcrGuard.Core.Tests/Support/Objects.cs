using System.Text.Json;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Manifests;
using AcrGuard.Workloads;

namespace AcrGuard.Core.Tests.Support;

/// <summary>Reads YAML fixtures into the objects the rules judge, and judges them.</summary>
internal static class Objects
{
    /// <summary>The single object of a YAML manifest, read the way <c>acrguard check</c> reads files.</summary>
    public static KubeObject Read(string yaml, IReadOnlyList<WorkloadKind>? workloads = null)
    {
        // A document is valid only until the next is read: bind it inside the loop.
        var objects = new List<KubeObject>();
        foreach (var document in ManifestLoader.Load("test.yaml", yaml))
        {
            objects.Add(ObjectReader.Read(document.Root, workloads ?? []));
        }

        return objects.Single();
    }

    public static KubeObject ReadJson(string json, IReadOnlyList<WorkloadKind>? workloads = null)
    {
        using var document = JsonDocument.Parse(json);
        return ObjectReader.Read(document.RootElement, workloads ?? []);
    }

    public static Verdict Evaluate(string yaml, AcrGuardConfig? config = null, string? oldYaml = null, EnforcementMode? mode = null)
    {
        config ??= AcrGuardConfig.Default;
        return new Evaluator(config).Evaluate(Read(yaml, config.Workloads), oldYaml is null ? null : Read(oldYaml, config.Workloads), mode);
    }

    public static string Asset(params string[] parts) =>
        File.ReadAllText(Path.Combine([TestContext.CurrentContext.TestDirectory, "assets", .. parts]));
}
