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
        try
        {
            foreach (var document in ManifestLoader.Load(file, text))
            {
                try
                {
                    var obj = ObjectReader.Read(document.Root);
                    report.Add(new CheckedObject(document.File, document.Source, document.Line, obj.Identity, obj.InScope, evaluator.Evaluate(obj, mode: mode)));
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
