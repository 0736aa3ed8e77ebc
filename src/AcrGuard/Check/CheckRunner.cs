using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Manifests;
using AcrGuard.Workloads;

namespace AcrGuard.Check;

/// <summary>
/// The work of <c>acrguard check</c> without the console: expand paths, read each document,
/// judge it with the same <see cref="Evaluator"/> as the webhook, and collect a report.
/// </summary>
public sealed class CheckRunner(Evaluator evaluator, EnforcementMode mode)
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    public CheckReport Run(IEnumerable<string> paths, TextReader stdin)
    {
        var report = new CheckReport(mode);
        foreach (var path in paths)
        {
            if (path == "-")
            {
                CheckText(report, "-", stdin.ReadToEnd());
                continue;
            }

            foreach (var file in Expand(path, report))
            {
                string text;
                try
                {
                    text = File.ReadAllText(file, ManifestLoader.Utf8);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    report.InputErrors.Add($"{file}: cannot read: {e.Message}");
                    continue;
                }

                CheckText(report, file, text);
            }
        }

        return report;
    }

    /// <summary>Checks one input's text; a document that cannot be read is an input error, and the rest of the file still counts where YAML allows it.</summary>
    public void CheckText(CheckReport report, string file, string text)
    {
        LineLocator? locator = null;
        try
        {
            foreach (var document in ManifestLoader.Load(file, text))
            {
                try
                {
                    var obj = ObjectReader.Read(document.Root, evaluator.Config.Workloads);
                    var verdict = evaluator.Evaluate(obj, mode: mode);
                    var lines = verdict.Findings.Count == 0 ? [] : FindingLines(document, verdict, () => locator ??= new LineLocator(text));
                    report.Add(new CheckedObject(document.File, document.Source, document.Line, obj.Identity, obj.InScope, verdict) { FindingLines = lines });
                }
                catch (ManifestException e)
                {
                    report.InputErrors.Add($"{file}:{document.Line}: document {document.Source[file.Length..]}: {e.Message}");
                }
            }
        }
        catch (InputException e)
        {
            report.InputErrors.Add(e.Message);
        }
    }

    // Source is "file#N" or "file#N.items[i]": the document index and the prefix inside it.
    // YAML documents carry their line index; JSON inputs fall back to parsing the text once as YAML.
    private static int[] FindingLines(ManifestDocument document, Verdict verdict, Func<LineLocator> locator)
    {
        var suffix = document.Source[(document.File.Length + 1)..];
        var dot = suffix.IndexOf('.', StringComparison.Ordinal);
        var index = int.Parse(dot < 0 ? suffix : suffix[..dot], System.Globalization.CultureInfo.InvariantCulture);
        var prefix = dot < 0 ? string.Empty : suffix[(dot + 1)..];
        var lines = new int[verdict.Findings.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var path = verdict.Findings[i].Path;
            lines[i] = (document.Lines is { } indexed
                ? indexed.LineOf(prefix.Length == 0 ? path : $"{prefix}.{path}")
                : locator().LineOf(index, prefix, path)) ?? document.Line;
        }

        return lines;
    }

    private static List<string> Expand(string path, CheckReport report)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            report.InputErrors.Add($"{path}: no such file or directory");
            return [];
        }

        try
        {
            var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false })
                .Where(f => ManifestExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .ToList();
            files.Sort(StringComparer.Ordinal);
            return files;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report.InputErrors.Add($"{path}: cannot list: {e.Message}");
            return [];
        }
    }
}
