using System.Text;
using System.Text.Json;
using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using AcrGuard.Manifests;
using AcrGuard.Workloads;

namespace AcrGuard.Core.Tests;

/// <summary>
/// The line of a finding's path, for YAML (recorded while it streams to JSON) and JSON (indexed
/// from the text on first use), agrees with a full parse of the text (<see cref="FullParse"/>).
/// </summary>
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
        foreach (var doc in ManifestLoader.Load("lines.yaml", Manifest))
        {
            if (doc.Address.Index == document)
            {
                Assert.That(doc.Lines.LineOf(string.Empty, path), Is.EqualTo(line));
                Assert.That(new FullParse(Manifest).LineOf(document, path), Is.EqualTo(line), "agrees with a full parse");
                return;
            }
        }

        Assert.Fail("document not found");
    }

    [Test]
    public void A_path_that_is_not_in_the_document_has_no_line()
    {
        var deployment = ManifestLoader.Load("lines.yaml", Manifest).First();

        Assert.That(deployment.LineOf("spec.template.spec.containers[1].image"), Is.EqualTo(21), "the index of this document");
        Assert.That(deployment.LineOf("spec.template.spec.containers[7].image"), Is.Null);
        Assert.That(deployment.LineOf("metadata.annotations['k8s.aliyun.com/acr-user-arns']"), Is.Null, "the next document's key");
        Assert.That(deployment.LineOf("metadata.annotations['unclosed"), Is.Null, "a path that cannot be read");
    }

    [Test]
    public void A_list_item_places_its_paths_inside_its_own_entry_of_the_list()
    {
        const string list = """
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
            - apiVersion: v1
              kind: Pod
              metadata:
                name: p
            """;

        var items = ManifestLoader.Load("list.yaml", list).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(items[0].LineOf("metadata.annotations['k8s.aliyun.com/acr-service-arns']"), Is.EqualTo(9));
            Assert.That(items[0].LineOf("spec.template.spec.containers[1].image"), Is.EqualTo(17));
            Assert.That(items[1].LineOf("metadata.name"), Is.EqualTo(21));
            Assert.That(items[1].LineOf("spec.template.spec.containers[1].image"), Is.Null, "the first item's path");
        });
    }

    [Test]
    public void Every_finding_of_the_seed_scenarios_gets_the_line_a_full_parse_gives()
    {
        var evaluator = new Evaluator(AcrGuardConfig.Default);
        var checkedFindings = 0;
        foreach (var file in SeedScenarios())
        {
            var text = File.ReadAllText(file);
            var parse = new FullParse(text);
            foreach (var doc in ManifestLoader.Load(file, text))
            {
                foreach (var finding in evaluator.Evaluate(ObjectReader.Read(doc.Root)).Findings)
                {
                    Assert.That(doc.LineOf(finding.Path), Is.EqualTo(parse.LineOf(doc.Address.Index, finding.Path)), $"{file} {finding.Path}");
                    checkedFindings++;
                }
            }
        }

        Assert.That(checkedFindings, Is.GreaterThan(5));
    }

    [Test]
    public void Every_key_and_item_of_an_api_server_object_in_json_gets_the_line_a_full_parse_gives()
    {
        var checkedPaths = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "assets", "corpus"), "*.json"))
        {
            var text = File.ReadAllText(file);
            var parse = new FullParse(text);
            // Each document is valid while the loader is on it.
            foreach (var document in ManifestLoader.Load(file, text))
            {
                foreach (var path in Paths(document.Root, string.Empty))
                {
                    Assert.That(document.LineOf(path), Is.EqualTo(parse.LineOf(1, path)), $"{Path.GetFileName(file)} {path}");
                    checkedPaths++;
                }
            }
        }

        Assert.That(checkedPaths, Is.GreaterThan(1000));
    }

    [Test]
    public void In_json_a_scalar_is_at_its_key_and_an_object_or_list_where_it_opens()
    {
        const string json = """
            {
              "apiVersion": "v1",
              "kind": "Pod",
              "metadata":
              {
                "name":
                  "web",
                "annotations": {"k8s.aliyun.com/acr-instance-ids": "cri-j36zhodptmyq1234"}
              },
              "spec": {"containers":
                [
                  {"name": "web", "image": "nginx"},
                  {
                    "name": "sidecar", "image": "busybox"}
                ]}
            }
            """;

        foreach (var pod in ManifestLoader.Load("pod.json", json))
        {
            var parse = new FullParse(json);
            Assert.Multiple(() =>
            {
                Assert.That(pod.LineOf("metadata"), Is.EqualTo(5), "the brace on the line after the key");
                Assert.That(pod.LineOf("metadata.name"), Is.EqualTo(6), "the key of a value on the next line");
                Assert.That(pod.LineOf("metadata.annotations['k8s.aliyun.com/acr-instance-ids']"), Is.EqualTo(8));
                Assert.That(pod.LineOf("spec.containers"), Is.EqualTo(11));
                Assert.That(pod.LineOf("spec.containers[0].image"), Is.EqualTo(12));
                Assert.That(pod.LineOf("spec.containers[1]"), Is.EqualTo(13));
                Assert.That(pod.LineOf("spec.containers[1].image"), Is.EqualTo(14));
                Assert.That(pod.LineOf("spec.containers[2]"), Is.Null);
                foreach (var path in Paths(pod.Root, string.Empty))
                {
                    Assert.That(pod.LineOf(path), Is.EqualTo(parse.LineOf(1, path)), path);
                }
            });
        }
    }

    [Test]
    public void Findings_of_the_seed_scenarios_as_a_json_list_get_the_lines_a_full_parse_gives()
    {
        var evaluator = new Evaluator(AcrGuardConfig.Default);
        var json = JsonList(SeedScenarios().SelectMany(file => ManifestLoader.Load(file, File.ReadAllText(file)).Select(d => d.Root.GetRawText())).ToList());
        var parse = new FullParse(json);
        var checkedFindings = 0;
        foreach (var item in ManifestLoader.Load("seeds.json", json))
        {
            foreach (var finding in evaluator.Evaluate(ObjectReader.Read(item.Root)).Findings)
            {
                var line = item.LineOf(finding.Path);
                Assert.That(line, Is.EqualTo(parse.LineOf(1, $"{item.Address.ItemPath}.{finding.Path}")), $"{item.Address} {finding.Path}");
                Assert.That(line, Is.GreaterThan(1), "a line inside the list, not the document's");
                checkedFindings++;
            }
        }

        Assert.That(checkedFindings, Is.GreaterThan(5));
    }

    private static string[] SeedScenarios() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "assets", "seed"), "*.yaml");

    // Every key and item of the tree, written as findings write paths.
    private static IEnumerable<string> Paths(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var child = property.Name.IndexOfAny(['.', '[', '/']) < 0
                    ? (path.Length == 0 ? property.Name : $"{path}.{property.Name}")
                    : $"{path}['{property.Name}']";
                yield return child;
                foreach (var inner in Paths(property.Value, child))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                var child = $"{path}[{i++}]";
                yield return child;
                foreach (var inner in Paths(item, child))
                {
                    yield return inner;
                }
            }
        }
    }

    // The objects as one indented `kind: List`, as `kubectl get -o json` prints them.
    private static string JsonList(List<string> objects)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "v1");
            writer.WriteString("kind", "List");
            writer.WriteStartArray("items");
            foreach (var obj in objects)
            {
                using var parsed = JsonDocument.Parse(obj);
                parsed.RootElement.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
