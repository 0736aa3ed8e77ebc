using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Manifests;
using AcrGuard.Workloads;

namespace AcrGuard.Core.Tests;

/// <summary>The line index recorded while YAML streams to JSON agrees with a second full parse.</summary>
public sealed class DocumentLinesTests
{
    private const string Manifest = """
        # a comment
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/acr-test"
        spec:
          template:
            metadata:
              annotations: {k8s.aliyun.com/acr-instance-ids: "cri-*"}
            spec:
              initContainers:
              - name: init
                image: busybox
              containers:
              - name: web
                image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0
              - &second
                name: sidecar
                image: nginx
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata:
            name: p
            annotations:
              k8s.aliyun.com/acr-user-arns: x
        """;

    [TestCase(1, "metadata.annotations['k8s.aliyun.com/acr-service-arns']", 7)]
    [TestCase(1, "spec.template.metadata.annotations['k8s.aliyun.com/acr-instance-ids']", 11)]
    [TestCase(1, "spec.template.spec.initContainers[0].image", 15)]
    [TestCase(1, "spec.template.spec.containers[0].image", 18)]
    [TestCase(1, "spec.template.spec.containers[1]", 19)]
    [TestCase(1, "spec.template.spec.containers[1].image", 21)]
    [TestCase(2, "items[0].metadata.annotations['k8s.aliyun.com/acr-user-arns']", 31)]
    public void A_path_maps_to_the_line_of_its_key_or_item(int document, string path, int line)
    {
        var index = 0;
        foreach (var doc in ManifestLoader.Load("lines.yaml", Manifest))
        {
            if (++index == document || doc.Source.EndsWith($"#{document}.items[0]", StringComparison.Ordinal))
            {
                Assert.That(doc.Lines!.LineOf(path), Is.EqualTo(line));
                Assert.That(new LineLocator(Manifest).LineOf(document, string.Empty, path), Is.EqualTo(line), "agrees with a full parse");
                return;
            }
        }

        Assert.Fail("document not found");
    }

    [Test]
    public void A_path_that_is_not_in_the_document_has_no_line()
    {
        var deployment = ManifestLoader.Load("lines.yaml", Manifest).First();

        Assert.That(deployment.Lines!.LineOf("spec.template.spec.containers[1].image"), Is.EqualTo(21), "the index of this document");
        Assert.That(deployment.Lines!.LineOf("spec.template.spec.containers[7].image"), Is.Null);
        Assert.That(deployment.Lines!.LineOf("metadata.annotations['k8s.aliyun.com/acr-user-arns']"), Is.Null, "the next document's key");
    }

    [Test]
    public void Every_finding_of_the_seed_scenarios_gets_the_line_a_full_parse_gives()
    {
        var evaluator = new Evaluator(AcrGuardConfig.Default);
        var checkedFindings = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "assets", "seed"), "*.yaml"))
        {
            var text = File.ReadAllText(file);
            var locator = new LineLocator(text);
            var index = 0;
            foreach (var doc in ManifestLoader.Load(file, text))
            {
                index++;
                foreach (var finding in evaluator.Evaluate(ObjectReader.Read(doc.Root)).Findings)
                {
                    Assert.That(doc.Lines!.LineOf(finding.Path), Is.EqualTo(locator.LineOf(index, string.Empty, finding.Path)), $"{file} {finding.Path}");
                    checkedFindings++;
                }
            }
        }

        Assert.That(checkedFindings, Is.GreaterThan(5));
    }
}
