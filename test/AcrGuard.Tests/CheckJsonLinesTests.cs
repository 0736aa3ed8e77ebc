using System.Text.Json;

namespace AcrGuard.Tests;

/// <summary><c>acrguard check</c> over JSON inputs (<c>kubectl get -o json</c>): each finding on the line of its key in the JSON text.</summary>
public class CheckJsonLinesTests
{
    // As `kubectl get deployment web -o json` prints it, with the service-role ARN on the
    // Deployment's own metadata (AG001) and a legacy singular key on the template (AG013).
    private const string Deployment = """
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {
                "annotations": {
                    "deployment.kubernetes.io/revision": "3",
                    "k8s.aliyun.com/acr-service-arns": "acs:ram::1609982529123456:role/acr-test"
                },
                "name": "web",
                "namespace": "shop"
            },
            "spec": {
                "replicas": 2,
                "selector": {
                    "matchLabels": {
                        "app": "web"
                    }
                },
                "template": {
                    "metadata": {
                        "annotations": {
                            "k8s.aliyun.com/acr-instance-id": "cri-j36zhodptmyq1234"
                        },
                        "labels": {
                            "app": "web"
                        }
                    },
                    "spec": {
                        "containers": [
                            {
                                "image": "test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0",
                                "name": "web"
                            }
                        ]
                    }
                }
            }
        }
        """;

    private const string GoodPod = """
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "ok", "namespace": "shop"},
            "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}
        }
        """;

    [Test]
    public void A_finding_in_a_pretty_printed_json_deployment_is_on_the_line_of_its_key()
    {
        var file = CliRun.TempFile("web.json", Deployment);

        var findings = Findings(CliRun.Of("check", "--output", "json", file));

        Assert.That(findings, Is.EqualTo(new[]
        {
            (file + "#1", "AG001", 7),
            (file + "#1", "AG013", 22),
        }));
    }

    [Test]
    public void A_finding_in_an_item_of_a_json_list_is_on_its_line_inside_the_list()
    {
        var list = "{\n\"apiVersion\": \"v1\",\n\"kind\": \"List\",\n\"items\": [\n" + GoodPod + ",\n" + Deployment + "\n]\n}\n";

        var run = CliRun.WithStdin(list, "check", "--output", "json", "-");

        // The Deployment starts on line 11: four lines of the list's head, six of the Pod.
        Assert.That(Findings(run), Is.EqualTo(new[]
        {
            ("-#1.items[1]", "AG001", 7 + 10),
            ("-#1.items[1]", "AG013", 22 + 10),
        }));
        Assert.That(run.Stdout, Does.Contain("\"source\": \"-#1.items[0]\""));
    }

    [Test]
    public void Github_annotations_of_a_json_list_point_at_the_lines_of_the_keys()
    {
        var file = CliRun.TempFile("export.json", "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n" + Deployment + "\n]}\n");

        var run = CliRun.Of("check", "--output", "github", file);

        Assert.That(run.Stdout, Does.Contain($"::error file={file},line=8,title=AG001::"));
        Assert.That(run.Stdout, Does.Contain($"::warning file={file},line=23,title=AG013::"));
    }

    [Test]
    public void Every_finding_of_one_line_json_is_on_line_1()
    {
        using var compact = JsonDocument.Parse("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [" + GoodPod + "," + Deployment + "," + Deployment.Replace("\"web\"", "\"api\"", StringComparison.Ordinal) + "]}");
        var oneLine = compact.RootElement.GetRawText().ReplaceLineEndings(string.Empty);

        var findings = Findings(CliRun.WithStdin(oneLine, "check", "--output", "json", "-"));

        Assert.That(findings, Has.Count.EqualTo(4));
        Assert.That(findings.Select(f => f.Line), Is.All.EqualTo(1));
    }

    [Test]
    public void An_unreadable_item_of_a_json_list_is_named_by_its_place_in_the_list()
    {
        var list = "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [" + GoodPod + ", {\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"bad\", \"annotations\": [\"a\"]}}]}";

        var run = CliRun.WithStdin(list, "check", "-");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Is.EqualTo($"acrguard: -:1: document #1.items[1]: Pod at metadata.annotations: expected a map{Environment.NewLine}"));
        });
    }

    private static List<(string Source, string Rule, int Line)> Findings(CliRun run)
    {
        using var json = JsonDocument.Parse(run.Stdout);
        return [.. json.RootElement.GetProperty("objects").EnumerateArray().SelectMany(o => o.GetProperty("findings").EnumerateArray()
            .Select(f => (o.GetProperty("source").GetString()!, f.GetProperty("rule").GetString()!, f.GetProperty("line").GetInt32())))];
    }
}
