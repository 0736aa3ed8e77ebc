using System.Text.Json;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Workloads;
using YamlDotNet.Serialization;

namespace AcrGuard.Core.Tests.Support;

/// <summary>Reads YAML fixtures into the objects the rules judge, and judges them.</summary>
internal static class Manifests
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();
    private static readonly ISerializer Json = new SerializerBuilder().JsonCompatible().Build();

    public static KubeObject Read(string yaml)
    {
        // YAML -> JSON through YamlDotNet's JSON-compatible emitter: scalars stay strings unless
        // they are numbers or booleans, as kubectl would send them.
        var graph = Yaml.Deserialize<object>(yaml);
        var json = Json.Serialize(graph);
        using var document = JsonDocument.Parse(json);
        return ObjectReader.Read(document.RootElement);
    }

    public static KubeObject ReadJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ObjectReader.Read(document.RootElement);
    }

    public static Verdict Evaluate(string yaml, AcrGuardConfig? config = null, string? oldYaml = null, EnforcementMode? mode = null) =>
        new Evaluator(config ?? AcrGuardConfig.Default).Evaluate(Read(yaml), oldYaml is null ? null : Read(oldYaml), mode);

    public static string Asset(params string[] parts) =>
        File.ReadAllText(Path.Combine([TestContext.CurrentContext.TestDirectory, "assets", .. parts]));
}
