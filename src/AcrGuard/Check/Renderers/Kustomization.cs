using System.Text.Json;
using AcrGuard.Manifests;

namespace AcrGuard.Check.Renderers;

/// <summary>
/// A kustomize directory and the local paths its kustomization file names: resources, bases,
/// components, patches, generator inputs. Those files are rendered through it and are not judged
/// again as raw files; a patch in particular is a partial object that would be judged wrongly.
/// </summary>
public sealed record Kustomization(string Directory, string FullDirectory, string FileName, bool IsComponent)
{
    /// <summary>The names kustomize looks for, in its order (sigs.k8s.io/kustomize/api/konfig).</summary>
    public static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public string File => Directory == "." ? FileName : $"{Directory}/{FileName}";

    /// <summary>Files named by the kustomization (full paths).</summary>
    public HashSet<string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Directories named by the kustomization (full paths): bases and components, rendered through it.</summary>
    public HashSet<string> Directories { get; } = new(StringComparer.Ordinal);

    private static readonly string[] PathLists = ["resources", "bases", "components", "crds", "patchesStrategicMerge", "configurations", "generators", "transformers", "validators"];
    private static readonly string[] PathObjectLists = ["patches", "patchesJson6902", "replacements"];
    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement.Clone();
    private static readonly string[] GeneratorLists = ["configMapGenerator", "secretGenerator"];

    /// <summary>Reads the kustomization file in <paramref name="fullDirectory"/>; throws <see cref="ManifestException"/> when it cannot be read as YAML.</summary>
    public static Kustomization Read(string directory, string fullDirectory, string fileName)
    {
        var path = Path.Combine(fullDirectory, fileName);
        var display = directory == "." ? fileName : $"{directory}/{fileName}";
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path, ManifestLoader.Utf8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException($"{display}: cannot read: {e.Message}", e);
        }

        foreach (var document in ManifestLoader.Load(display, text))
        {
            var root = document.Root;
            var component = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "Component";
            var kustomization = new Kustomization(directory, fullDirectory, fileName, component);
            if (root.ValueKind == JsonValueKind.Object)
            {
                kustomization.Collect(root);
            }

            return kustomization;
        }

        return new Kustomization(directory, fullDirectory, fileName, IsComponent: false);
    }

    private void Collect(JsonElement root)
    {
        foreach (var list in PathLists)
        {
            foreach (var item in Items(root, list))
            {
                Add(item);
            }
        }

        foreach (var list in PathObjectLists)
        {
            foreach (var item in Items(root, list))
            {
                Add(item, "path");
            }
        }

        foreach (var list in GeneratorLists)
        {
            foreach (var generator in Items(root, list))
            {
                foreach (var file in Items(generator, "files"))
                {
                    // files: [config.yaml] or [key=config.yaml]
                    if (file.ValueKind == JsonValueKind.String && file.GetString() is { } entry)
                    {
                        AddPath(entry[(entry.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                    }
                }

                foreach (var env in Items(generator, "envs"))
                {
                    Add(env);
                }

                Add(generator, "env");
            }
        }

        if (root.TryGetProperty("openapi", out var openapi))
        {
            Add(openapi, "path");
        }
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement parent, string name) =>
        (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list
            : EmptyArray).EnumerateArray();

    private void Add(JsonElement element, string? property = null)
    {
        if (property is not null)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out element))
            {
                return;
            }
        }

        if (element.ValueKind == JsonValueKind.String && element.GetString() is { } path)
        {
            AddPath(path);
        }
    }

    // Remote resources (git URLs, http) and inline patches are not files here.
    private void AddPath(string path)
    {
        if (path.Length == 0 || path.Contains('\n', StringComparison.Ordinal) || path.Contains("://", StringComparison.Ordinal) ||
            path.Contains("?ref=", StringComparison.Ordinal) || path.StartsWith("git@", StringComparison.Ordinal) || path.StartsWith("github.com/", StringComparison.Ordinal))
        {
            return;
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(FullDirectory, path)));
        if (System.IO.Directory.Exists(full))
        {
            Directories.Add(full);
        }
        else
        {
            Files.Add(full);
        }
    }
}
