using System.Text.RegularExpressions;

namespace AcrGuard.Deploy.Tests;

/// <summary>The install guide's own overlay, as a user copies it next to a checkout, renders what it says.</summary>
public sealed partial class InstallGuideTests
{
    [Test]
    public void The_guides_overlay_sets_the_image_pushed_to_your_registry()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "install.md"));
        var kustomization = GuideOverlay().Match(guide);
        Assert.That(kustomization.Success, Is.True, "install.md shows my-acrguard/kustomization.yaml");
        using var deploy = RenderedOverlay.CopyOf("cert-manager");

        // The guide's layout: my-acrguard/ beside the checkout, named acrguard/.
        var mine = Directory.CreateDirectory(Path.Combine(deploy.Copy, "my-acrguard")).FullName;
        File.WriteAllText(
            Path.Combine(mine, "kustomization.yaml"),
            kustomization.Groups["yaml"].Value.Replace("../acrguard/deploy/overlays/cert-manager", "../overlays/cert-manager", StringComparison.Ordinal));

        var deployment = Manifests.Parse(Kubectl.Kustomize(mine)).Single("Deployment", "acrguard");

        var image = deployment.At("spec").At("template").At("spec").At("containers").Items().Single().Text("image");
        Assert.That(image, Is.EqualTo("acrguard-registry.cn-hangzhou.cr.aliyuncs.com/platform/acrguard:0.1.0"));
    }

    [GeneratedRegex("```yaml\\n# my-acrguard/kustomization.yaml[^\\n]*\\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex GuideOverlay();
}
