using YamlDotNet.RepresentationModel;

namespace AcrGuard.Core.Tests.Support;

/// <summary>
/// The oracle the line indexes are held to: the whole text parsed into YamlDotNet's node tree
/// (JSON is YAML, so it reads both), a path walked node by node. A key with a scalar value is at
/// the key's line; a key whose value is a mapping or list, and a list item, at the value's start.
/// </summary>
internal sealed class FullParse
{
    private readonly YamlStream stream = new();

    public FullParse(string text) => stream.Load(new StringReader(text));

    /// <summary>The 1-based line of <paramref name="path"/> (segments as findings write them) in document <paramref name="document"/> (1-based), or null.</summary>
    public int? LineOf(int document, string path)
    {
        YamlNode? node = stream.Documents[document - 1].RootNode;
        YamlNode? key = null;
        foreach (var segment in Segments(path))
        {
            (key, node) = segment is int index
                ? (null, node is YamlSequenceNode list && index < list.Children.Count ? list.Children[index] : null)
                : Child(node, (string)segment);
            if (node is null)
            {
                return null;
            }
        }

        return (int)(node is YamlScalarNode && key is not null ? key.Start.Line : node!.Start.Line);
    }

    private static (YamlNode? Key, YamlNode? Value) Child(YamlNode? node, string name)
    {
        var found = (Key: (YamlNode?)null, Value: (YamlNode?)null);
        if (node is YamlMappingNode mapping)
        {
            foreach (var (k, v) in mapping.Children)
            {
                // The last of duplicate keys, as the JSON binding keeps it.
                if (k is YamlScalarNode scalar && scalar.Value == name)
                {
                    found = (k, v);
                }
            }
        }

        return found;
    }

    // `a.b['c.d'][2]` as "a", "b", "c.d", 2.
    private static IEnumerable<object> Segments(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i, StringComparison.Ordinal);
                yield return path[(i + 2)..end];
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                yield return int.Parse(path[(i + 1)..end], System.Globalization.CultureInfo.InvariantCulture);
                i = end + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], i);
                end = end < 0 ? path.Length : end;
                yield return path[i..end];
                i = end;
            }
        }
    }
}
