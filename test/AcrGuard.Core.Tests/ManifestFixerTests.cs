using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Repairs;

namespace AcrGuard.Core.Tests;

/// <summary>
/// <c>check --fix</c>'s repairs on whole files: each fixture of assets/fix becomes its
/// <c>.fixed</c> file byte for byte (comments, key order, indentation, quoting, blank lines,
/// document separators, line breaks and the other documents as written), a second fix changes
/// nothing, and what cannot be repaired is left, with the reason.
/// </summary>
public class ManifestFixerTests
{
    private static readonly Evaluator Default = new(AcrGuardConfig.Default);

    private static readonly Evaluator WithCloneSet = new(new AcrGuardConfig(workloads: [new WorkloadKind("apps.kruise.io", "v1alpha1", "CloneSet", WorkloadKind.DefaultTemplatePath)]));

    public static IEnumerable<string> Repaired() =>
        Directory.EnumerateFiles(Folder(), "*.fixed.*").Select(f => Path.GetFileName(f).Replace(".fixed", string.Empty, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(Repaired))]
    public void The_fixture_is_repaired_into_its_fixed_file_byte_for_byte(string name)
    {
        var result = Fix(name, Read(name));

        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Is.EqualTo(Read(Fixed(name))));
            Assert.That(result.Objects.SelectMany(o => o.Unrepaired), Is.Empty);
            Assert.That(result.RepairCount, Is.GreaterThan(0));
        });
    }

    [TestCaseSource(nameof(Repaired))]
    public void A_second_fix_changes_nothing(string name)
    {
        var once = Fix(name, Read(name)).Text;

        var twice = Fix(name, once);

        Assert.Multiple(() =>
        {
            Assert.That(twice.Changed, Is.False);
            Assert.That(twice.Text, Is.EqualTo(once));
            Assert.That(twice.RepairCount, Is.Zero);
        });
    }

    [TestCaseSource(nameof(Repaired))]
    public void The_repaired_file_has_none_of_the_findings_repaired(string name)
    {
        var result = Fix(name, Read(name));
        var repaired = result.Objects.SelectMany(o => o.Repaired).Select(r => (r.Rule, r.Path)).ToHashSet();

        var after = Findings(name, result.Text);

        Assert.That(after.Where(repaired.Contains), Is.Empty);
    }

    [Test]
    public void A_move_names_the_rule_the_path_its_line_and_where_it_went()
    {
        var result = Fix("deployment-misplaced.yaml", Read("deployment-misplaced.yaml"));

        var repair = result.Objects.Single().Repaired.Single();
        Assert.That(repair with { Finding = null, Edits = [] }, Is.EqualTo(new Repair(
            "AG001",
            "metadata.annotations['k8s.aliyun.com/acr-service-arns']",
            12,
            "moved k8s.aliyun.com/acr-service-arns from metadata.annotations to spec.template.metadata.annotations")));
    }

    [Test]
    public void Each_repair_carries_its_own_edits_which_alone_repair_its_finding()
    {
        var text = Read("cronjob-job-template.yaml");
        var result = Fix("cronjob-job-template.yaml", text);

        var repairs = result.Objects.Single().Repaired;
        Assert.Multiple(() =>
        {
            Assert.That(repairs, Has.Count.EqualTo(2));
            foreach (var repair in repairs)
            {
                Assert.That(Findings("cronjob.yaml", TextEdit.Apply(text, repair.Edits)), Does.Not.Contain((repair.Rule, repair.Path)));
                Assert.That(TextEdit.Apply(text, repair.Edits), Is.Not.EqualTo(result.Text), "one repair alone is not both");
                Assert.That(repair.Finding?.Message, Does.StartWith("AG001 "));
            }
        });
    }

    [Test]
    public void A_legacy_key_and_misspelt_keys_are_renamed_in_place()
    {
        var result = Fix("renames.yaml", Read("renames.yaml"));

        Assert.That(result.Objects.SelectMany(o => o.Repaired).Select(r => (r.Rule, r.Line, r.Description)), Is.EqualTo(new[]
        {
            ("AG013", 8, "renamed k8s.aliyun.com/acr-instance-id to k8s.aliyun.com/acr-instance-ids in metadata.annotations"),
            ("AG007", 24, "renamed k8s.aliyun.com/acr-instances-ids to k8s.aliyun.com/acr-instance-ids in spec.template.metadata.annotations"),
            ("AG007", 25, "renamed k8s.aliyun.com/acr-service-arn to k8s.aliyun.com/acr-service-arns in spec.template.metadata.annotations"),
        }));
    }

    [Test]
    public void A_misspelt_key_on_a_workloads_metadata_is_renamed_and_moved_in_one_repair()
    {
        var result = Fix("misspelt-on-metadata.yaml", Read("misspelt-on-metadata.yaml"));

        Assert.That(result.Objects.Single().Repaired.Single().Description,
            Is.EqualTo("moved K8s.aliyun.com/acr-instance-id from metadata.annotations to spec.template.metadata.annotations as k8s.aliyun.com/acr-instance-ids"));
    }

    [Test]
    public void The_same_key_with_another_value_in_the_template_is_left_and_reported()
    {
        var text = Read("conflict.yaml");

        var result = Fix("conflict.yaml", text);

        var left = result.Objects.Single().Unrepaired.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Is.EqualTo(text));
            Assert.That(result.Changed, Is.False);
            Assert.That(left.Rule, Is.EqualTo("AG001"));
            Assert.That(left.Line, Is.EqualTo(7));
            Assert.That(left.Reason, Is.EqualTo("not moved: spec.template.metadata.annotations has k8s.aliyun.com/acr-service-arns with a different value; both are left for you to choose"));
        });
    }

    [Test]
    public void The_same_key_with_the_same_value_in_the_template_leaves_only_the_templates()
    {
        var text = Read("conflict.yaml").Replace("role/acr-old", "role/acr-new", StringComparison.Ordinal);

        var result = Fix("copy.yaml", text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Does.Not.Contain("  annotations:\n    k8s.aliyun.com"));
            Assert.That(result.Text, Is.EqualTo(text.Replace("  annotations:\n    k8s.aliyun.com/acr-service-arns: \"acs:ram::1609982529123456:role/acr-new\"\n", string.Empty, StringComparison.Ordinal)));
            Assert.That(result.Objects.Single().Repaired.Single().Description,
                Is.EqualTo("removed k8s.aliyun.com/acr-service-arns from metadata.annotations: spec.template.metadata.annotations has the same value"));
        });
    }

    [Test]
    public void Indented_json_gets_the_metadata_and_annotations_it_lacks_at_its_own_indentation()
    {
        var text = """
            {
               "apiVersion": "batch/v1",
               "kind": "Job",
               "metadata": {
                  "name": "migrate",
                  "annotations": {"k8s.aliyun.com/acr-instance-ids": "cri-j36zhodptmyq1234"}
               },
               "spec": {
                  "template": {
                     "spec": {
                        "restartPolicy": "Never",
                        "containers": [{"name": "migrate", "image": "test1234-registry.example.com/eci_test/migrate:1.0"}]
                     }
                  }
               }
            }
            """;

        var result = Fix("job.json", text);

        Assert.That(result.Text, Is.EqualTo("""
            {
               "apiVersion": "batch/v1",
               "kind": "Job",
               "metadata": {
                  "name": "migrate"
               },
               "spec": {
                  "template": {
                     "metadata": {
                        "annotations": {
                           "k8s.aliyun.com/acr-instance-ids": "cri-j36zhodptmyq1234"
                        }
                     },
                     "spec": {
                        "restartPolicy": "Never",
                        "containers": [{"name": "migrate", "image": "test1234-registry.example.com/eci_test/migrate:1.0"}]
                     }
                  }
               }
            }
            """));
    }

    [Test]
    public void Json_on_one_line_stays_on_one_line_and_a_null_becomes_the_annotations()
    {
        var text = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","annotations":{"k8s.aliyun.com/acr-service-arns":"acs:ram::1609982529123456:role/acr-test"}},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"annotations":null},"spec":{"containers":[{"name":"web","image":"test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0"}]}}}}""";

        var result = Fix("deployment.json", text);

        Assert.That(result.Text, Is.EqualTo("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"annotations":{"k8s.aliyun.com/acr-service-arns":"acs:ram::1609982529123456:role/acr-test"}},"spec":{"containers":[{"name":"web","image":"test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0"}]}}}}"""));
    }

    [Test]
    public void A_yaml_template_with_flow_metadata_and_a_block_scalar_value_gets_it_quoted_on_one_line()
    {
        var text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations:
                k8s.aliyun.com/acr-service-arns: |-
                  acs:ram::1609982529123456:role/acr-test
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata: {}
                spec:
                  containers:
                  - {name: web, image: "test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0"}

            """;

        var result = Fix("deployment.yaml", text);

        Assert.That(result.Text, Is.EqualTo("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata: {annotations: {k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/acr-test"}}
                spec:
                  containers:
                  - {name: web, image: "test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0"}

            """));
    }

    [Test]
    public void Every_shipped_example_is_fixed_without_an_error_and_twice_is_once()
    {
        var examples = Directory.EnumerateFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "assets", "seed"), "*.yaml");

        Assert.Multiple(() =>
        {
            foreach (var example in examples)
            {
                var once = Fix(example, File.ReadAllText(example));
                Assert.That(Fix(example, once.Text).Changed, Is.False, example);
                Assert.That(once.Objects.SelectMany(o => o.Unrepaired).Where(u => u.Reason.Contains("could not", StringComparison.Ordinal)), Is.Empty, example);
            }
        });
    }

    [Test]
    public void A_workload_without_a_pod_template_gets_none_made_up()
    {
        var text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations:
                k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/acr-test"
            spec:
              replicas: 2
            """;

        var result = Fix("no-template.yaml", text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Is.EqualTo(text));
            Assert.That(result.Objects.Single().Unrepaired.Single().Reason, Is.EqualTo("not repaired: there is no pod template at spec.template"));
        });
    }

    [Test]
    public void An_annotation_written_through_an_alias_is_not_edited()
    {
        var text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations: &pull
                k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/acr-test"
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                  annotations: *pull
                spec:
                  containers:
                  - name: web
                    image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0
            """;

        var result = Fix("alias.yaml", text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Is.EqualTo(text));
            Assert.That(result.Objects.Single().Unrepaired.Single().Reason, Does.Contain("anchor"));
        });
    }

    [Test]
    public void A_byte_order_mark_stays()
    {
        var text = "\uFEFF" + Read("deployment-misplaced.yaml");

        var result = Fix("bom.yaml", text);

        Assert.That(result.Text, Is.EqualTo("\uFEFF" + Read(Fixed("deployment-misplaced.yaml"))));
    }

    [Test]
    public void A_file_without_a_final_line_break_still_ends_without_one()
    {
        var text = Read("kind-list.yaml").Replace("    name: shop-web\n", string.Empty, StringComparison.Ordinal);
        var lastLine = "          image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0\n";
        var deploymentOnly = text[..(text.IndexOf(lastLine, StringComparison.Ordinal) + lastLine.Length - 1)];

        var result = Fix("list.yaml", deploymentOnly);

        Assert.Multiple(() =>
        {
            Assert.That(result.RepairCount, Is.EqualTo(1));
            Assert.That(result.Text, Does.Not.EndWith("\n"));
            Assert.That(result.Text, Does.EndWith("nginx:1.0"));
        });
    }

    [Test]
    public void Text_that_cannot_be_read_is_returned_as_it_is()
    {
        var text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n";

        var result = Fix("broken.yaml", text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Is.EqualTo(text));
            Assert.That(result.Objects, Is.Empty);
        });
    }

    [Test]
    public void A_rule_switched_off_has_no_repair()
    {
        var off = new Evaluator(new AcrGuardConfig(rules: new Dictionary<string, RuleSeverity> { ["AG013"] = RuleSeverity.Off }));
        var text = Read("renames.yaml");

        var result = ManifestFixer.Fix("renames.yaml", text, off);

        Assert.That(result.Objects.SelectMany(o => o.Repaired).Select(r => r.Rule), Is.EqualTo(new[] { "AG007", "AG007" }));
    }

    private static FixResult Fix(string name, string text) => ManifestFixer.Fix(name, text, name.StartsWith("cloneset", StringComparison.Ordinal) ? WithCloneSet : Default);

    private static List<(string Rule, string Path)> Findings(string name, string text)
    {
        var evaluator = name.StartsWith("cloneset", StringComparison.Ordinal) ? WithCloneSet : Default;
        var findings = new List<(string, string)>();
        foreach (var document in Manifests.ManifestLoader.Load(name, text))
        {
            var obj = Workloads.ObjectReader.Read(document.Root, evaluator.Config.Workloads);
            findings.AddRange(evaluator.Evaluate(obj).Findings.Select(f => (f.Rule, f.Path)));
        }

        return findings;
    }

    private static string Folder() => Path.Combine(TestContext.CurrentContext.TestDirectory, "assets", "fix");

    private static string Fixed(string name) => Path.ChangeExtension(name, ".fixed" + Path.GetExtension(name));

    private static string Read(string name) => File.ReadAllText(Path.Combine(Folder(), name));
}
