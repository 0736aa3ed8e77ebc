using AcrGuard.Images;

namespace AcrGuard.Core.Tests;

public class ImageReferenceTests
{
    [TestCase("nginx", "docker.io", "nginx", null, null)]
    [TestCase("nginx:1.27", "docker.io", "nginx", "1.27", null)]
    [TestCase("library/nginx", "docker.io", "library/nginx", null, null)]
    [TestCase("bitnami/redis:7.2", "docker.io", "bitnami/redis", "7.2", null)]
    [TestCase("localhost/app", "localhost", "app", null, null)]
    [TestCase("localhost:5000/app:dev", "localhost:5000", "app", "dev", null)]
    [TestCase("registry.cn-hangzhou.aliyuncs.com/acme/app:1.0", "registry.cn-hangzhou.aliyuncs.com", "acme/app", "1.0", null)]
    [TestCase("registry.example.com:8443/team/app/web:2", "registry.example.com:8443", "team/app/web", "2", null)]
    [TestCase("ghcr.io/acme/app@sha256:0123abcd", "ghcr.io", "acme/app", null, "sha256:0123abcd")]
    [TestCase("ghcr.io/acme/app:1.0@sha256:0123abcd", "ghcr.io", "acme/app", "1.0", "sha256:0123abcd")]
    [TestCase("Registry.Example.com/app", "registry.example.com", "app", null, null)]
    [TestCase("[::1]:5000/app", "[::1]:5000", "app", null, null)]
    [TestCase("MyRegistry/team/app:1", "myregistry", "team/app", "1", null)]
    public void Parses_per_the_docker_reference_grammar(string image, string host, string repository, string? tag, string? digest)
    {
        Assert.That(ImageReference.Parse(image), Is.EqualTo(new ImageReference(host, repository, tag, digest)));
    }

    [TestCase("registry.example.com:8443", "registry.example.com")]
    [TestCase("docker.io", "docker.io")]
    [TestCase("[::1]:5000", "[::1]")]
    public void Host_name_drops_the_port(string host, string expected)
    {
        Assert.That(new ImageReference(host, "app", null, null).HostName, Is.EqualTo(expected));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Empty_reference_is_no_image(string? image)
    {
        Assert.That(ImageReference.Parse(image), Is.Null);
    }
}
