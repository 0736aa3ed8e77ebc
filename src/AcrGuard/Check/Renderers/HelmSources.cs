using System.Text;

namespace AcrGuard.Check.Renderers;

/// <summary>
/// Splits <c>helm template</c> output by the template each document came from: helm writes
/// <c>---</c> and <c># Source: CHART/templates/x.yaml</c> before every document, in its install
/// order (kinds sorted), so a template's documents may be apart. Each template's documents are
/// joined in order, starting on the line after the Source comment, so that where the template's
/// actions add or remove no line the render's lines are the template's.
/// </summary>
public static class HelmSources
{
    private const string SourcePrefix = "# Source: ";

    /// <summary>The render of the chart at <paramref name="chartDirectory"/>, one entry per template (paths under the chart directory).</summary>
    public static IReadOnlyList<RenderedFile> Split(string chartDirectory, string render)
    {
        var chartFile = $"{chartDirectory}/Chart.yaml";
        var groups = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var order = new List<string>();
        StringBuilder? current = null;
        var atDocumentStart = true;
        foreach (var line in render.Split('\n'))
        {
            var text = line.TrimEnd('\r');
            if (text == "---" || text.StartsWith("--- ", StringComparison.Ordinal))
            {
                atDocumentStart = true;
                current = null;
                continue;
            }

            if (atDocumentStart && text.StartsWith(SourcePrefix, StringComparison.Ordinal))
            {
                current = Open(groups, order, TemplatePath(chartDirectory, text[SourcePrefix.Length..].Trim()));
                atDocumentStart = false;
                continue;
            }

            if (current is null)
            {
                if (text.Length == 0)
                {
                    continue;
                }

                // A document without a Source comment is the chart's own doing.
                current = Open(groups, order, chartFile);
            }

            atDocumentStart = false;
            current.Append(text).Append('\n');
        }

        return [.. order.Select(path => new RenderedFile(path, groups[path].ToString(), LinesMatch: true))];
    }

    private static StringBuilder Open(Dictionary<string, StringBuilder> groups, List<string> order, string path)
    {
        if (groups.TryGetValue(path, out var builder))
        {
            builder.Append("---\n");
            return builder;
        }

        builder = new StringBuilder();
        groups[path] = builder;
        order.Add(path);
        return builder;
    }

    // "app/templates/deploy.yaml" (the chart's name, then the path in the chart) becomes the path
    // under the chart's directory, whatever the directory is called; subcharts keep their
    // "charts/NAME/" part, which is where an unpacked subchart lives.
    private static string TemplatePath(string chartDirectory, string source)
    {
        var slash = source.IndexOf('/', StringComparison.Ordinal);
        var inChart = slash < 0 ? source : source[(slash + 1)..];
        return chartDirectory == "." ? inChart : $"{chartDirectory}/{inChart}";
    }
}
