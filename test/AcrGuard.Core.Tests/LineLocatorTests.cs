using AcrGuard.Manifests;

namespace AcrGuard.Core.Tests;

public class LineLocatorTests
{
    private const string Text = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            annotations:
              k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/a"
          spec:
            template:
              spec:
                containers:
                - name: a
                  image: nginx
                - name: b
                  image: registry.example.com/b:1
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        """;

    private static readonly LineLocator Locator = new(Text);

    [TestCase(1, "items[0]", "metadata.annotations['k8s.aliyun.com/acr-service-arns']", 9)]
    [TestCase(1, "items[0]", "spec.template.spec.containers[1].image", 17)]
    [TestCase(2, "", "metadata.name", 22)]
    public void Finds_the_line_of_a_path(int document, string prefix, string path, int line)
    {
        Assert.That(Locator.LineOf(document, prefix, path), Is.EqualTo(line));
    }

    [TestCase(1, "items[0]", "spec.template.spec.containers[5].image")]
    [TestCase(1, "items[3]", "metadata.name")]
    [TestCase(3, "", "metadata.name")]
    [TestCase(2, "", "metadata.annotations['unclosed")]
    public void Unknown_path_gives_no_line(int document, string prefix, string path)
    {
        Assert.That(Locator.LineOf(document, prefix, path), Is.Null);
    }
}
