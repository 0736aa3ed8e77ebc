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
        var full = prefix.Length == 0 ? path : $"{prefix}.{path}";
        var i = 0;
        while (node is not null && i < full.Length)
        {
            if (full[i] == '.')
            {
                i++;
            }
            else if (full[i] == '[' && i + 1 < full.Length && full[i + 1] == '\'')
            {
                var end = full.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                node = Child(node, full[(i + 2)..end]);
                i = end + 2;
            }
            else if (full[i] == '[')
            {
                var end = full.IndexOf(']', i);
                if (end < 0 || !int.TryParse(full.AsSpan(i + 1, end - i - 1), out var index))
                {
                    return null;
                }

                node = node is YamlSequenceNode sequence && index < sequence.Children.Count ? sequence.Children[index] : null;
                i = end + 1;
            }
            else
            {
                var end = full.IndexOfAny(['.', '['], i);
                end = end < 0 ? full.Length : end;
                node = Child(node, full[i..end]);
                i = end;
            }
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
