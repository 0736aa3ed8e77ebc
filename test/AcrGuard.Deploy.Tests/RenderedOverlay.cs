using AcrGuard.Commands;

namespace AcrGuard.Deploy.Tests;

/// <summary>
/// One overlay rendered from a temporary copy of deploy/, so that the certificates a test makes never
/// land in the checkout (and certificates a developer made there never reach a test).
/// </summary>
internal sealed class RenderedOverlay : IDisposable
{
    private RenderedOverlay(string copy, string overlay)
    {
        Copy = copy;
        Directory = Path.Combine(copy, "overlays", overlay);
    }

    public string Copy { get; }

    public string Directory { get; }

    public string CertsDirectory => Path.Combine(Directory, "certs");

    public static RenderedOverlay CopyOf(string overlay)
    {
        var copy = System.IO.Directory.CreateTempSubdirectory("acrguard-deploy-").FullName;
        CopyTree(Path.Combine(RepositoryRoot.Path, "deploy"), copy);
        return new RenderedOverlay(copy, overlay);
    }

    /// <summary>What the install guide says to run first for static-certs: <c>acrguard certs --out .../certs</c>.</summary>
    public void MakeCertificates()
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = AcrGuardCli.Run(["certs", "--out", CertsDirectory], TextReader.Null, stdout, stderr);
        Assert.That(exit, Is.Zero, $"acrguard certs: {stderr}");
    }

    /// <summary>What docs/install.md says to add for the audit: the component, in the overlay's kustomization.yaml (to its list when it has one).</summary>
    public void AddComponent(string name)
    {
        var path = Path.Combine(Directory, "kustomization.yaml");
        var text = File.ReadAllText(path);
        var entry = $"  - ../../components/{name}\n";
        File.WriteAllText(path, text.Contains("\ncomponents:\n", StringComparison.Ordinal)
            ? text.Replace("\ncomponents:\n", $"\ncomponents:\n{entry}", StringComparison.Ordinal)
            : $"{text}components:\n{entry}");
    }

    public Manifests Render() => Manifests.Parse(Kubectl.Kustomize(Directory));

    public void Dispose() => System.IO.Directory.Delete(Copy, recursive: true);

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in System.IO.Directory.EnumerateDirectories(from))
        {
            if (Path.GetFileName(directory) == "certs")
            {
                continue;
            }

            var target = Path.Combine(to, Path.GetFileName(directory));
            System.IO.Directory.CreateDirectory(target);
            CopyTree(directory, target);
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
