using YamlDotNet.RepresentationModel;

namespace AcrGuard.Deploy.Tests;

/// <summary>Short reads of rendered YAML; a missing key fails the test with the key's name.</summary>
internal static class YamlNodeExtensions
{
    public static string Text(this YamlNode node, string key) => (string)node.At(key)!;

    public static YamlNode At(this YamlNode node, params string[] keys)
    {
        foreach (var key in keys)
        {
            var mapping = node as YamlMappingNode ?? throw new AssertionException($"'{key}' looked up in a {node.NodeType} at line {node.Start.Line}");
            if (!mapping.Children.TryGetValue(key, out var child))
            {
                throw new AssertionException($"no '{key}' in the mapping at line {node.Start.Line}");
            }

            node = child;
        }

        return node;
    }

    public static bool Has(this YamlNode node, string key) => node is YamlMappingNode mapping && mapping.Children.ContainsKey(key);

    public static IReadOnlyList<YamlNode> Items(this YamlNode node) => ((YamlSequenceNode)node).Children.ToList();

    public static IReadOnlyList<string> Strings(this YamlNode node) => [.. node.Items().Select(n => (string)n!)];
}
