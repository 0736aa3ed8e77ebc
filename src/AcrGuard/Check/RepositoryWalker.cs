using AcrGuard.Check.Renderers;
using AcrGuard.Manifests;

namespace AcrGuard.Check;

/// <summary>
/// Walks a directory the way a repository is laid out: a directory with Chart.yaml is a Helm
/// chart (rendered whole, nothing under it read raw); a directory with a kustomization is
/// rendered, and the files it names are not read again raw; a kustomization that another one
/// uses (a base under overlays, a component) is judged through the overlays' renders only, as
/// it is applied. Everything else with a manifest extension is a plain file.
/// </summary>
public sealed class RepositoryWalker(PathExclusions exclusions)
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    public RepositoryPlan Plan(string directory)
    {
        var plan = new RepositoryPlan();
        var root = directory.Length > 1 ? Path.TrimEndingDirectorySeparator(directory) : directory;
        var candidates = new List<(string Display, string FullPath)>();
        var kustomizations = new List<Kustomization>();
        Walk(plan, root, Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)), string.Empty, candidates, kustomizations);

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kustomization in kustomizations)
        {
            claimed.Add(Path.Combine(kustomization.FullDirectory, kustomization.FileName));
            claimed.UnionWith(kustomization.Files);
            used.UnionWith(kustomization.Directories);
        }

        foreach (var kustomization in kustomizations.Where(k => !used.Contains(k.FullDirectory)))
        {
            if (kustomization.IsComponent)
            {
                plan.Skipped.Add(new SkippedInput(kustomization.Directory, SkipReason.KustomizeComponent, "a kustomize Component that no kustomization here uses"));
            }
            else
            {
                plan.Kustomizations.Add(kustomization);
            }
        }

        plan.Files.AddRange(candidates.Where(c => !claimed.Contains(c.FullPath)));
        plan.Files.Sort((a, b) => string.CompareOrdinal(a.Display, b.Display));
        return plan;
    }

    private void Walk(RepositoryPlan plan, string display, string full, string relative, List<(string, string)> candidates, List<Kustomization> kustomizations)
    {
        string[] files, directories;
        try
        {
            files = [.. Directory.EnumerateFiles(full).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
            directories = [.. new DirectoryInfo(full).EnumerateDirectories()
                .Where(d => !d.Attributes.HasFlag(FileAttributes.ReparsePoint) && d.Name != ".git")
                .Select(d => d.Name).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            plan.Errors.Add($"{display}: cannot list: {e.Message}");
            return;
        }

        if (files.Contains("Chart.yaml") && !exclusions.Excludes(Join(relative, "Chart.yaml")))
        {
            plan.Charts.Add(display);
            return;
        }

        var kustomizationFile = Kustomization.FileNames.FirstOrDefault(name => files.Contains(name) && !exclusions.Excludes(Join(relative, name)));
        if (kustomizationFile is not null)
        {
            try
            {
                kustomizations.Add(Kustomization.Read(display, full, kustomizationFile));
            }
            catch (ManifestException e)
            {
                plan.Errors.Add(e.Message);
            }
        }

        foreach (var file in files)
        {
            var path = Join(relative, file);
            if (ManifestExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase) && !exclusions.Excludes(path))
            {
                candidates.Add((Show(display, file), Path.Combine(full, file)));
            }
        }

        foreach (var name in directories)
        {
            Walk(plan, Show(display, name), Path.Combine(full, name), Join(relative, name), candidates, kustomizations);
        }
    }

    /// <summary>The path of <paramref name="display"/> (a path this walk showed) relative to the walked <paramref name="directory"/>, as --exclude matches it.</summary>
    public static string Relative(string directory, string display)
    {
        var root = directory.Length > 1 ? Path.TrimEndingDirectorySeparator(directory) : directory;
        return root == "." ? display : display.StartsWith(root + "/", StringComparison.Ordinal) ? display[(root.Length + 1)..] : display;
    }

    private static string Join(string relative, string name) => relative.Length == 0 ? name : $"{relative}/{name}";

    // The paths shown are the directory given plus the relative path, without a leading "./",
    // so that GitHub annotations and SARIF locations are relative to the checkout.
    private static string Show(string display, string name) => display == "." ? name : $"{display}/{name}";
}
