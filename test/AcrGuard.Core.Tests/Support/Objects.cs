using System.Text.Json;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Manifests;
using AcrGuard.Workloads;

namespace AcrGuard.Core.Tests.Support;

/// <summary>Reads YAML fixtures into the objects the rules judge, and judges them.</summary>
internal static class Objects
{
    /// <summary>
    /// The single object of a YAML manifest, read the way <c>acrguard check</c> reads files. Every
    /// fixture a rule test reads is also bound whole by KubernetesClient's model
    /// (<see cref="ModelReader"/>), and must give the rules the same view and findings: a rule
    /// that starts reading a field the reader does not carry fails its own tests.
    /// </summary>
    public static KubeObject Read(string yaml, IReadOnlyList<WorkloadKind>? workloads = null)
    {
        // A document is valid only until the next is read: bind it inside the loop.
        var objects = new List<KubeObject>();
        foreach (var document in ManifestLoader.Load("test.yaml", yaml))
        {
            var obj = ObjectReader.Read(document.Root, workloads ?? []);
            SameAsModel(obj, document.Root.GetRawText(), workloads ?? []);
            objects.Add(obj);
        }

        return objects.Single();
    }

    public static KubeObject ReadJson(string json, IReadOnlyList<WorkloadKind>? workloads = null)
    {
        using var document = JsonDocument.Parse(json);
        var obj = ObjectReader.Read(document.RootElement, workloads ?? []);
        SameAsModel(obj, json, workloads ?? []);
        return obj;
    }

    /// <summary>Fails unless KubernetesClient's whole model of <paramref name="json"/> gives the rules what <paramref name="obj"/> gives them.</summary>
    public static void SameAsModel(KubeObject obj, string json, IReadOnlyList<WorkloadKind> workloads)
    {
        KubeObject model;
        try
        {
            model = ModelReader.Read(json, workloads);
        }
        catch (JsonException)
        {
            // A value of the wrong type in a field the rules do not read (replicas: two): the model
            // cannot bind it and the reader skips it; there is nothing to compare.
            return;
        }

        Assert.That(ViewText.Describe(obj), Is.EqualTo(ViewText.Describe(model)), "the view the reader built differs from KubernetesClient's model of the object");
        Assert.That(ViewText.Findings(obj), Is.EqualTo(ViewText.Findings(model)), "the rules judge the reader's view differently from KubernetesClient's model of the object");
    }

    public static Verdict Evaluate(string yaml, AcrGuardConfig? config = null, string? oldYaml = null, EnforcementMode? mode = null)
    {
        config ??= AcrGuardConfig.Default;
        return new Evaluator(config).Evaluate(Read(yaml, config.Workloads), oldYaml is null ? null : Read(oldYaml, config.Workloads), mode);
    }

    public static string Asset(params string[] parts) =>
        File.ReadAllText(Path.Combine([TestContext.CurrentContext.TestDirectory, "assets", .. parts]));
}
