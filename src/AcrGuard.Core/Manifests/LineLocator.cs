using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AcrGuard.Manifests;

/// <summary>
/// Finds the line of a finding's path (<c>spec.template.metadata.annotations['k']</c>,
/// <c>spec.containers[0].image</c>) in the YAML it came from, so that code scanning points at
/// the offending line rather than the top of the document. Only run for objects with findings:
/// it parses the text a second time.
/// </summary>
public sealed class LineLocator
{
    private readonly YamlStream? stream;

    public LineLocator(string text)
    {
        try
        {
            var parsed = new YamlStream();
            parsed.Load(new StringReader(text));
            stream = parsed;
        }
        catch (Exception e) when (e is YamlException || YamlParserFaults.IsMalformedInput(e))
        {
            stream = null;
        }
    }

    /// <summary>The 1-based line of <paramref name="path"/> in document <paramref name="documentIndex"/> (1-based) under <paramref name="prefix"/> (e.g. <c>items[0]</c>), or null.</summary>
    public int? LineOf(int documentIndex, string prefix, string path)
    {
        if (stream is null || documentIndex < 1 || documentIndex > stream.Documents.Count)
        {
            return null;
        }

        YamlNode? node = stream.Documents[documentIndex - 1].RootNode;
        var segments = new FindingPath(prefix.Length == 0 ? path : $"{prefix}.{path}");
        while (node is not null && segments.MoveNext())
        {
            node = segments.Index < 0
                ? Child(node, segments.Key.ToString())
                : node is YamlSequenceNode sequence && segments.Index < sequence.Children.Count ? sequence.Children[segments.Index] : null;
        }

        if (segments.Malformed)
        {
            return null;
        }

        return node is null ? null : (int)node.Start.Line;
    }

    private static YamlNode? Child(YamlNode node, string key)
    {
        if (node is not YamlMappingNode mapping)
        {
            return null;
        }

        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode scalar && scalar.Value == key)
            {
                // The key's line is where a reader looks; for a value spanning lines it is the same.
                return v is YamlScalarNode ? WithKeyLine(k, v) : v;
            }
        }

        return null;
    }

    private static YamlNode WithKeyLine(YamlNode key, YamlNode value) => value.Start.Line == key.Start.Line ? value : key;
}
