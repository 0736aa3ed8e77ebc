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

    [Test]
    public void The_guides_network_policy_patch_for_another_environment_changes_only_the_sources()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "install.md"));
        var example = GuidePatch().Match(guide);
        Assert.That(example.Success, Is.True, "install.md shows my-cluster/kustomization.yaml for the network policy");
        using var deploy = RenderedOverlay.CopyOf("cert-manager");
        var mine = Directory.CreateDirectory(Path.Combine(deploy.Copy, "my-cluster")).FullName;
        File.WriteAllText(
            Path.Combine(mine, "kustomization.yaml"),
            example.Groups["yaml"].Value.Replace("../acrguard/deploy/overlays/cert-manager", "../overlays/cert-manager", StringComparison.Ordinal));

        var patched = Manifests.Parse(Kubectl.Kustomize(mine)).Single("NetworkPolicy", "acrguard");
        var rules = patched.At("spec", "ingress").Items();

        Assert.Multiple(() =>
        {
            Assert.That(rules[0].At("from").Items().Select(f => f.At("ipBlock").Text("cidr")), Is.EqualTo(new[] { "192.168.0.10/32", "192.168.0.11/32", "192.168.0.12/32" }));
            Assert.That(rules[1].At("from").Items().Single().At("namespaceSelector", "matchLabels").Text("kubernetes.io/metadata.name"), Is.EqualTo("arms-prom"));
            Assert.That(rules.Select(r => r.At("ports").Items().Single().Text("port")), Is.EqualTo(new[] { "webhook", "metrics" }));
        });
    }

    [GeneratedRegex("```yaml\\n# my-cluster/kustomization.yaml[^\\n]*\\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex GuidePatch();

    [GeneratedRegex("```yaml\\n# my-acrguard/kustomization.yaml[^\\n]*\\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex GuideOverlay();
}
