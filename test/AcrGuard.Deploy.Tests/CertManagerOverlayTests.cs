namespace AcrGuard.Deploy.Tests;

/// <summary>overlays/cert-manager: a CA chain of Issuers, the serving Certificate into acrguard-tls, the CA injected into the webhooks.</summary>
public class CertManagerOverlayTests
{
    private Manifests _manifests = null!;

    [OneTimeSetUp]
    public void Render()
    {
        using var rendered = RenderedOverlay.CopyOf("cert-manager");
        _manifests = rendered.Render();
    }

    [Test]
    public void Webhook_configuration_asks_the_ca_injector_for_the_serving_certificates_ca()
    {
        var webhooks = _manifests.Single("ValidatingWebhookConfiguration", "acrguard");

        Assert.That(webhooks.At("metadata", "annotations").Text("cert-manager.io/inject-ca-from"), Is.EqualTo("acrguard-system/acrguard-serving"));
    }

    [Test]
    public void Serving_certificate_is_written_to_acrguard_tls_for_the_service_names()
    {
        var serving = _manifests.Single("Certificate", "acrguard-serving").At("spec");

        Assert.Multiple(() =>
        {
            Assert.That(serving.Text("secretName"), Is.EqualTo("acrguard-tls"));
            Assert.That(
                serving.At("dnsNames").Strings(),
                Is.EquivalentTo(new[] { "acrguard", "acrguard.acrguard-system", "acrguard.acrguard-system.svc", "acrguard.acrguard-system.svc.cluster.local" }));
            Assert.That(serving.At("usages").Strings(), Does.Contain("server auth"));
            Assert.That(serving.At("issuerRef").Text("name"), Is.EqualTo("acrguard-ca"));
        });
    }

    [Test]
    public void Serving_issuer_is_a_ca_made_by_the_self_signed_issuer()
    {
        var caIssuer = _manifests.Single("Issuer", "acrguard-ca").At("spec", "ca");
        var ca = _manifests.Single("Certificate", "acrguard-ca").At("spec");
        var selfSigned = _manifests.Single("Issuer", "acrguard-selfsigned").At("spec");

        Assert.Multiple(() =>
        {
            Assert.That(ca.Text("isCA"), Is.EqualTo("true"));
            Assert.That(ca.Text("secretName"), Is.EqualTo(caIssuer.Text("secretName")));
            Assert.That(ca.At("issuerRef").Text("name"), Is.EqualTo("acrguard-selfsigned"));
            Assert.That(selfSigned.Has("selfSigned"), Is.True);
        });
    }

    [Test]
    public void No_certificate_material_is_rendered()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_manifests.Objects.Select(o => o.Text("kind")), Has.No.EqualTo("Secret"));
            Assert.That(
                _manifests.Single("ValidatingWebhookConfiguration", "acrguard").At("webhooks").Items().Select(w => w.At("clientConfig").Has("caBundle")),
                Is.All.False);
        });
    }
}
