using System.Security.Cryptography.X509Certificates;
using YamlDotNet.RepresentationModel;

namespace AcrGuard.Deploy.Tests;

/// <summary>overlays/static-certs after <c>acrguard certs</c>: the Secret holds the files, every webhook trusts the CA.</summary>
public class StaticCertsOverlayTests
{
    private RenderedOverlay _overlay = null!;
    private Manifests _manifests = null!;

    [OneTimeSetUp]
    public void Render()
    {
        _overlay = RenderedOverlay.CopyOf("static-certs");
        _overlay.MakeCertificates();
        _manifests = _overlay.Render();
    }

    [OneTimeTearDown]
    public void RemoveCopy() => _overlay.Dispose();

    private string CertsFile(string name) => File.ReadAllText(Path.Combine(_overlay.CertsDirectory, name));

    [Test]
    public void Every_webhook_carries_the_generated_ca_as_its_ca_bundle()
    {
        var webhooks = _manifests.Single("ValidatingWebhookConfiguration", "acrguard").At("webhooks").Items();

        Assert.That(webhooks, Has.Count.EqualTo(5));
        Assert.That(webhooks.Select(w => Decode(w.At("clientConfig").Text("caBundle"))), Is.All.EqualTo(CertsFile("ca.crt")));
    }

    [Test]
    public void Ca_bundle_verifies_the_serving_certificate_in_the_secret()
    {
        var caBundle = Decode(_manifests.Single("ValidatingWebhookConfiguration", "acrguard").At("webhooks").Items()[0].At("clientConfig").Text("caBundle"));
        var data = _manifests.Single("Secret", "acrguard-tls").At("data");
        using var ca = X509Certificate2.CreateFromPem(caBundle);
        using var serving = X509Certificate2.CreateFromPem(Decode(data.Text("tls.crt")), Decode(data.Text("tls.key")));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        Assert.Multiple(() =>
        {
            Assert.That(chain.Build(serving), Is.True, string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
            Assert.That(serving.MatchesHostname("acrguard.acrguard-system.svc"), Is.True);
        });
    }

    [Test]
    public void Tls_secret_holds_the_generated_certificate_and_key_under_a_fixed_name()
    {
        var secret = _manifests.Single("Secret", "acrguard-tls");
        var data = (YamlMappingNode)secret.At("data");

        Assert.Multiple(() =>
        {
            Assert.That(secret.Text("type"), Is.EqualTo("kubernetes.io/tls"));
            Assert.That(data.Children.Keys.Select(k => (string)k!), Is.EquivalentTo(new[] { "tls.crt", "tls.key" }));
            Assert.That(Decode(data.Text("tls.crt")), Is.EqualTo(CertsFile("tls.crt")));
            Assert.That(Decode(data.Text("tls.key")), Is.EqualTo(CertsFile("tls.key")));
        });
    }

    [Test]
    public void Helper_secret_for_the_ca_bundle_is_not_rendered()
    {
        Assert.That(_manifests.KindsAndNames.Where(n => n.StartsWith("Secret/", StringComparison.Ordinal)), Is.EqualTo(new[] { "Secret/acrguard-tls" }));
    }

    [Test]
    public void Without_the_certs_command_rendering_fails_naming_the_missing_file()
    {
        using var bare = RenderedOverlay.CopyOf("static-certs");

        Assert.That(bare.Render, Throws.TypeOf<KustomizeException>().With.Message.Contains("certs/tls.crt"));
    }

    private static string Decode(string base64) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
}
