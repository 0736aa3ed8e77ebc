using System.Text.Json;
using System.Xml.Linq;

namespace AcrGuard.Tests;

/// <summary><c>acrguard check</c> as CI runs it: inputs, outputs, exit status and errors, per the contract.</summary>
public class CheckCommandTests
{
    private const string LegacyKeyPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: legacy
          namespace: default
          annotations:
            k8s.aliyun.com/acr-instance-id: "cri-j36zhodptmyq1234"
        spec:
          containers:
          - name: app
            image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/app:1.0
        """;

    private static string Examples(string sub = "") => CliRun.InTestDirectory("examples", sub);

    [Test]
    public void Examples_print_the_findings_of_the_bad_ones_and_exit_1()
    {
        var run = CliRun.Of("check", Examples());

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Stderr);
            Assert.That(run.Stdout, Does.Contain("Deployment default/web: denied"));
            Assert.That(run.Stdout, Does.Contain("  error   AG001 k8s.aliyun.com/acr-service-arns is on the Deployment's metadata"));
            Assert.That(run.Stdout, Does.Contain("ConfigMap reports/report-settings: not in scope"));
            Assert.That(run.Stdout.TrimEnd(), Does.EndWith("14 objects checked (enforce mode): 5 denied, 7 errors, 2 warnings"));
            Assert.That(run.Stderr, Is.Empty);
        });
    }

    [Test]
    public void Good_examples_exit_0()
    {
        var run = CliRun.Of("check", Examples("good"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout);
        Assert.That(run.Stdout, Does.Not.Contain("error "));
    }

    [Test]
    public void Good_examples_pass_with_the_example_configuration_too()
    {
        var run = CliRun.Of("check", "--config", CliRun.InTestDirectory("examples-config.yaml"), Examples("good"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout + run.Stderr);
    }

    [Test]
    public void Stdin_is_read_with_a_dash()
    {
        var run = CliRun.WithStdin(TestManifests.MisplacedDeployment, "check", "-");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Stdout, Does.StartWith("-#1: Deployment default/web: denied"));
    }

    [Test]
    public void A_byte_order_mark_on_stdin_is_not_content_in_yaml()
    {
        // `cat app.yaml | acrguard check -` of a file saved by a Windows editor.
        var run = CliRun.WithStdin("\uFEFF" + TestManifests.MisplacedDeployment, "check", "-");

        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Stdout, Does.StartWith("-#1: Deployment default/web: denied"));
    }

    [Test]
    public void A_byte_order_mark_on_stdin_is_not_content_in_json()
    {
        var json = "\uFEFF{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"web\", \"namespace\": \"shop\"},\n" +
            "\"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"nginx:1.27\"}]}}";

        var run = CliRun.WithStdin(json, "check", "-");

        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Stdout, Does.StartWith("-#1: Pod shop/web: ok"));
    }

    [Test]
    public void Audit_mode_allows_and_exits_0()
    {
        var run = CliRun.WithStdin(TestManifests.MisplacedDeployment, "check", "--mode", "audit", "-");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Stdout, Does.Contain("  warning AG001 "));
        Assert.That(run.Stdout.TrimEnd(), Does.EndWith("1 object checked (audit mode): 0 denied, 0 errors, 1 warning"));
    }

    [Test]
    public void Warnings_exit_0_unless_fail_on_warn()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CliRun.WithStdin(LegacyKeyPod, "check", "-").ExitCode, Is.EqualTo(0));
            Assert.That(CliRun.WithStdin(LegacyKeyPod, "check", "--fail-on-warn", "-").ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void Json_output_follows_the_contract()
    {
        var run = CliRun.WithStdin(TestManifests.MisplacedDeployment + "\n---\n" + LegacyKeyPod, "check", "--output", "json", "-");

        using var json = JsonDocument.Parse(run.Stdout);
        var expected = JsonDocument.Parse("""
            {
              "objects": [
                {"source": "-#1", "apiVersion": "apps/v1", "kind": "Deployment", "namespace": "default", "name": "web", "inScope": true, "allowed": false,
                 "findings": [{"rule": "AG001", "severity": "error", "path": "metadata.annotations['k8s.aliyun.com/acr-service-arns']",
                               "message": "AG001 k8s.aliyun.com/acr-service-arns is on the Deployment's metadata, where ECI never reads it: move it to spec.template.metadata.annotations", "line": 7}]},
                {"source": "-#2", "apiVersion": "v1", "kind": "Pod", "namespace": "default", "name": "legacy", "inScope": true, "allowed": true,
                 "findings": [{"rule": "AG013", "severity": "warning", "path": "metadata.annotations['k8s.aliyun.com/acr-instance-id']",
                               "message": "AG013 k8s.aliyun.com/acr-instance-id is the legacy singular key that ECI may ignore: rename it to k8s.aliyun.com/acr-instance-ids", "line": 25}]}
              ],
              "skipped": [],
              "summary": {"objects": 2, "denied": 1, "errors": 1, "warnings": 1, "inputErrors": 0, "skipped": 0}
            }
            """);
        Assert.That(JsonElement.DeepEquals(json.RootElement, expected.RootElement), Is.True, run.Stdout);
        Assert.That(run.ExitCode, Is.EqualTo(1));
    }

    [TestCase("json")]
    [TestCase("sarif")]
    public void Json_reports_keep_apostrophes_in_paths_and_messages_as_the_webhook_does(string format)
    {
        var run = CliRun.WithStdin(TestManifests.MisplacedDeployment, "check", "--output", format, "-");

        Assert.Multiple(() =>
        {
            Assert.That(run.Stdout, Does.Contain("metadata.annotations['k8s.aliyun.com/acr-service-arns']"));
            Assert.That(run.Stdout, Does.Contain("is on the Deployment's metadata"));
            Assert.That(run.Stdout, Does.Not.Contain("\\u0027"));
        });
    }

    [Test]
    public void Sarif_output_has_rule_metadata_and_a_located_result_per_finding()
    {
        var file = CliRun.TempFile("app.yaml", "# the workload\n" + TestManifests.MisplacedDeployment);

        var run = CliRun.Of("check", "--output", "sarif", file);

        using var sarif = JsonDocument.Parse(run.Stdout);
        var runElement = sarif.RootElement.GetProperty("runs")[0];
        var rules = runElement.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var result = runElement.GetProperty("results").EnumerateArray().Single();
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Multiple(() =>
        {
            Assert.That(sarif.RootElement.GetProperty("version").GetString(), Is.EqualTo("2.1.0"));
            Assert.That(rules.GetArrayLength(), Is.EqualTo(13));
            Assert.That(rules[0].GetProperty("id").GetString(), Is.EqualTo("AG001"));
            Assert.That(rules[0].GetProperty("helpUri").GetString(), Does.EndWith("docs/rules.md#ag001"));
            Assert.That(result.GetProperty("ruleId").GetString(), Is.EqualTo("AG001"));
            Assert.That(result.GetProperty("ruleIndex").GetInt32(), Is.EqualTo(0));
            Assert.That(result.GetProperty("level").GetString(), Is.EqualTo("error"));
            Assert.That(result.GetProperty("message").GetProperty("text").GetString(), Does.StartWith("AG001 "));
            Assert.That(location.GetProperty("artifactLocation").GetProperty("uri").GetString(), Is.EqualTo(file.Replace('\\', '/')));
            Assert.That(location.GetProperty("region").GetProperty("startLine").GetInt32(), Is.EqualTo(8), "the line of the annotation, not of the document");
        });
    }

    [Test]
    public void Junit_output_fails_denied_objects_and_skips_kinds_out_of_scope()
    {
        var run = CliRun.Of("check", "--output", "junit", Examples());

        var suite = XDocument.Parse(run.Stdout).Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToList();
        Assert.Multiple(() =>
        {
            Assert.That((int)suite.Attribute("tests")!, Is.EqualTo(14));
            Assert.That((int)suite.Attribute("failures")!, Is.EqualTo(5));
            Assert.That(cases.Count(c => c.Element("failure") is not null), Is.EqualTo(5));
            Assert.That(cases.Single(c => c.Element("skipped") is not null).Attribute("name")!.Value, Is.EqualTo("ConfigMap reports/report-settings"));
            Assert.That(cases.Count(c => c.Element("system-out") is not null), Is.EqualTo(2));
        });
    }

    [Test]
    public void Unparsable_yaml_exits_2_naming_the_file_and_line()
    {
        var file = CliRun.TempFile("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n");

        var run = CliRun.Of("check", file);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith($"acrguard: {file}:5: not valid YAML: "));
    }

    [Test]
    public void Document_that_is_not_a_kubernetes_object_exits_2()
    {
        var file = CliRun.TempFile("values.yaml", "replicaCount: 2\nimage: nginx\n");

        var run = CliRun.Of("check", file);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr.Trim(), Is.EqualTo($"acrguard: {file}:1: document #1: not a Kubernetes object: no apiVersion"));
    }

    [Test]
    public void Object_with_a_field_of_the_wrong_type_exits_2_naming_the_field()
    {
        var file = CliRun.TempFile("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: [a, b]\n");

        var run = CliRun.Of("check", file);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Is.EqualTo($"acrguard: {file}:1: document #1: Pod at metadata.annotations: expected a map{Environment.NewLine}"));
    }

    [Test]
    public void An_annotation_value_kubectl_reads_as_a_boolean_exits_2_as_the_api_server_would_refuse_it()
    {
        // kubectl's YAML 1.1 reads a plain `on` as true; the API server refuses a non-string annotation.
        var file = CliRun.TempFile("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    example.com/enabled: on\nspec:\n  containers:\n  - name: a\n    image: nginx\n");

        var run = CliRun.Of("check", file);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Is.EqualTo($"acrguard: {file}:1: document #1: Pod at metadata.annotations['example.com/enabled']: expected a string{Environment.NewLine}"));
    }

    [Test]
    public void Missing_path_exits_2()
    {
        var run = CliRun.Of("check", "/nonexistent/manifests");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr.Trim(), Is.EqualTo("acrguard: /nonexistent/manifests: no such file or directory"));
    }

    [Test]
    public void Bad_configuration_exits_2_naming_the_key()
    {
        var config = CliRun.TempFile("acrguard.yaml", "rules:\n  AG042: error\n");

        var run = CliRun.WithStdin(LegacyKeyPod, "check", "--config", config, "-");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr.Trim(), Is.EqualTo($"acrguard: {config}: rules.AG042 (line 2): unknown rule; known rules are AG001 to AG013"));
    }

    [TestCase("check")]
    [TestCase("check", "--output", "xml", "-")]
    [TestCase("check", "--mode", "strict", "-")]
    [TestCase("frobnicate")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var run = CliRun.Of(args);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith("acrguard: "));
    }

    [Test]
    public void Good_documents_are_still_reported_when_another_input_is_bad()
    {
        var bad = CliRun.TempFile("bad.yaml", "a: [\n");

        var run = CliRun.WithStdin(LegacyKeyPod, "check", "-", bad);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stdout, Does.Contain("-#1: Pod default/legacy: allowed with warnings"));
    }

    [Test]
    public void A_file_too_large_for_one_string_is_an_input_error_not_a_crash()
    {
        var path = CliRun.TempFile("huge.yaml", "apiVersion: v1\nkind: Pod\n");
        using (var file = new FileStream(path, FileMode.Open))
        {
            // Sparse: the length without the disk space.
            file.SetLength(1_000_000_001);
        }

        var run = CliRun.Of("check", path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.Contain($"{path}: cannot read: 1000000001 bytes, more than check reads from one file"));
            Assert.That(run.Stdout, Does.Contain("1 input error"));
        });
    }
}
