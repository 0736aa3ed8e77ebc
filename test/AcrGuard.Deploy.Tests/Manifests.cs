using YamlDotNet.RepresentationModel;

namespace AcrGuard.Deploy.Tests;

/// <summary>The objects of one rendered overlay, found by kind and name.</summary>
internal sealed class Manifests(IReadOnlyList<YamlMappingNode> objects)
{
    public IReadOnlyList<YamlMappingNode> Objects { get; } = objects;

    public static Manifests Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new Manifests([.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)]);
    }

    public YamlMappingNode Single(string kind, string name)
    {
        var found = Objects.Where(o => o.Text("kind") == kind && o["metadata"].Text("name") == name).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"exactly one {kind} {name} in the rendered output");
        return found[0];
    }

    public IEnumerable<string> KindsAndNames => Objects.Select(o => $"{o.Text("kind")}/{o["metadata"].Text("name")}");
}
