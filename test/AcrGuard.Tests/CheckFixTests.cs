using System.Text;
using System.Text.Json;

namespace AcrGuard.Tests;

/// <summary>
/// <c>acrguard check --fix</c> and <c>--fix --dry-run</c> as CI runs them: files rewritten byte
/// for byte as the fixtures expect, what remains reported with the exit status on it, each repair
/// listed, nothing written on a dry run, and stdin and renders never written.
/// </summary>
public class CheckFixTests
{
    private static string Fixture(string name) => CliRun.InTestDirectory("fix", name);

    private static string Copied(string name) => CliRun.TempFile(name, File.ReadAllText(Fixture(name)));

    private static string FixedOf(string name) => File.ReadAllText(Fixture(Path.ChangeExtension(name, ".fixed" + Path.GetExtension(name))));

    [TestCase("deployment-misplaced.yaml")]
    [TestCase("deployment-misplaced-crlf.yaml")]
    [TestCase("corpus-cronjob.json")]
    [TestCase("corpus-statefulset.yaml")]
    public void Fix_rewrites_the_file_as_its_fixed_fixture_and_exits_on_what_remains(string name)
    {
        var file = Copied(name);

        var run = CliRun.Of("check", "--fix", file);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(file), Is.EqualTo(FixedOf(name)));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout + run.Stderr);
            Assert.That(run.Stdout, Does.Contain("  fixed   AG001 moved k8s.aliyun.com/acr-service-arns from metadata.annotations to "));
            Assert.That(run.Stderr, Is.Empty);
        });
    }

    [Test]
    public void Text_output_lists_each_repair_with_its_file_line_and_where_it_moved()
    {
        var file = Copied("deployment-misplaced.yaml");

        var run = CliRun.Of("check", "--fix", file);

        Assert.That(run.Stdout, Is.EqualTo(
            $"{file}#1: Deployment default/web: ok\n" +
            "  fixed   AG001 moved k8s.aliyun.com/acr-service-arns from metadata.annotations to spec.template.metadata.annotations  [metadata.annotations['k8s.aliyun.com/acr-service-arns']] line 12\n" +
            $"{file}#2: ConfigMap default/web-settings: not in scope\n" +
            "2 objects checked (enforce mode): 0 denied, 0 errors, 0 warnings; 1 repair in 1 file\n"));
    }

    [Test]
    public void A_second_fix_changes_nothing()
    {
        var file = Copied("cronjob-job-template.yaml");
        CliRun.Of("check", "--fix", file);
        var once = File.ReadAllBytes(file);

        var run = CliRun.Of("check", "--fix", file);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(file), Is.EqualTo(once));
            Assert.That(once, Is.EqualTo(Encoding.UTF8.GetBytes(FixedOf("cronjob-job-template.yaml"))));
            Assert.That(run.Stdout, Does.Not.Contain("fixed "));
            Assert.That(run.Stdout.TrimEnd(), Does.EndWith("; nothing repaired"));
        });
    }

    [Test]
    public void A_conflicting_value_is_left_in_place_reported_and_still_denied()
    {
        var file = Copied("conflict.yaml");

        var run = CliRun.Of("check", "--fix", file);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(file), Is.EqualTo(File.ReadAllText(Fixture("conflict.yaml"))));
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Stdout, Does.Contain("  unfixed AG001 not moved: spec.template.metadata.annotations has k8s.aliyun.com/acr-service-arns with a different value; both are left for you to choose  [metadata.annotations['k8s.aliyun.com/acr-service-arns']] line 7"));
        });
    }

    [Test]
    public void Dry_run_writes_nothing_prints_a_unified_diff_and_exits_as_the_fix_would()
    {
        var file = Copied("renames.yaml");
        var before = File.ReadAllBytes(file);

        var run = CliRun.Of("check", "--fix", "--dry-run", file);

        var shown = file.Replace('\\', '/');
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(file), Is.EqualTo(before));
            Assert.That(run.ExitCode, Is.EqualTo(0));
            Assert.That(run.Stdout, Does.StartWith($"""
                --- a/{shown}
                +++ b/{shown}
                @@ -5,7 +5,7 @@
                   name: legacy
                   namespace: default
                   annotations:
                -    k8s.aliyun.com/acr-instance-id: "cn-beijing:cri-j36zhodptmyq1234"  # from the old ACK Serverless docs
                +    k8s.aliyun.com/acr-instance-ids: "cn-beijing:cri-j36zhodptmyq1234"  # from the old ACK Serverless docs
                 spec:
                   containers:
                   - name: legacy
                @@ -21,8 +21,8 @@
                   template:
                     metadata:
                       annotations:
                -        'k8s.aliyun.com/acr-instances-ids': "cri-j36zhodptmyq1234"
                -        "k8s.aliyun.com/acr-service-arn": >-
                +        'k8s.aliyun.com/acr-instance-ids': "cri-j36zhodptmyq1234"
                +        "k8s.aliyun.com/acr-service-arns": >-
                           acs:ram::1609982529123456:role/acr-migrate
                     spec:
                       restartPolicy: Never

                """.Replace("\r\n", "\n", StringComparison.Ordinal)));
            Assert.That(run.Stdout.TrimEnd(), Does.EndWith("; 3 repairs in 1 file, not written (dry run)"));
        });
    }

    [Test]
    public void The_dry_run_diff_applied_with_patch_gives_the_fixed_file()
    {
        if (Check.Renderers.ToolLocator.FromEnvironment().Find("patch") is not { } patch)
        {
            Assert.Ignore("patch is not installed");
            return;
        }

        var file = Copied("null-annotations.yaml");
        var diff = CliRun.Of("check", "--fix", "--dry-run", "--output", "json", file).Stderr;
        var patchFile = CliRun.TempFile("fix.patch", diff);

        using var process = System.Diagnostics.Process.Start(patch, ["-s", "-p1", "-d", "/", "-i", patchFile])!;
        process.WaitForExit();

        Assert.That(File.ReadAllText(file), Is.EqualTo(FixedOf("null-annotations.yaml")));
    }

    [Test]
    public void Json_output_lists_the_repairs_of_each_object_as_fixed()
    {
        var file = Copied("cronjob-job-template.yaml");

        var run = CliRun.Of("check", "--fix", "--output", "json", file);

        using var json = JsonDocument.Parse(run.Stdout);
        var cronJob = json.RootElement.GetProperty("objects")[0];
        using var expected = JsonDocument.Parse("""
            [
              {"rule": "AG001", "path": "metadata.annotations['k8s.aliyun.com/acr-instance-ids']",
               "description": "moved k8s.aliyun.com/acr-instance-ids from metadata.annotations to spec.jobTemplate.spec.template.metadata.annotations", "line": 8},
              {"rule": "AG001", "path": "spec.jobTemplate.metadata.annotations['k8s.aliyun.com/acr-service-arns']",
               "description": "moved k8s.aliyun.com/acr-service-arns from spec.jobTemplate.metadata.annotations to spec.jobTemplate.spec.template.metadata.annotations", "line": 14}
            ]
            """);
        Assert.Multiple(() =>
        {
            Assert.That(JsonElement.DeepEquals(cronJob.GetProperty("fixed"), expected.RootElement), Is.True, run.Stdout);
            Assert.That(cronJob.GetProperty("notFixed").GetArrayLength(), Is.Zero);
            Assert.That(cronJob.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()), Does.Not.Contain("AG001"));
            Assert.That(json.RootElement.GetProperty("summary").GetProperty("fixed").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public void Json_output_without_fix_has_no_fixed_entries()
    {
        var run = CliRun.Of("check", "--output", "json", Fixture("conflict.yaml"));

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.That(json.RootElement.GetProperty("objects")[0].TryGetProperty("fixed", out _), Is.False);
    }

    [Test]
    public void Sarif_of_a_dry_run_offers_each_repair_as_the_fix_of_its_result()
    {
        var file = Copied("deployment-misplaced.yaml");
        var text = File.ReadAllText(file);

        var run = CliRun.Of("check", "--fix", "--dry-run", "--output", "sarif", file);

        using var sarif = JsonDocument.Parse(run.Stdout);
        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single();
        var fix = result.GetProperty("fixes")[0];
        var replacements = fix.GetProperty("artifactChanges")[0].GetProperty("replacements").EnumerateArray()
            .Select(r => new Repairs.TextEdit(
                r.GetProperty("deletedRegion").GetProperty("charOffset").GetInt32(),
                r.GetProperty("deletedRegion").GetProperty("charOffset").GetInt32() + r.GetProperty("deletedRegion").GetProperty("charLength").GetInt32(),
                r.GetProperty("insertedContent").GetProperty("text").GetString()!));
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("ruleId").GetString(), Is.EqualTo("AG001"));
            Assert.That(result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32(), Is.EqualTo(12));
            Assert.That(fix.GetProperty("description").GetProperty("text").GetString(), Does.StartWith("moved k8s.aliyun.com/acr-service-arns"));
            Assert.That(Repairs.TextEdit.Apply(text, replacements), Is.EqualTo(FixedOf("deployment-misplaced.yaml")));
            Assert.That(File.ReadAllText(file), Is.EqualTo(text));
        });
    }

    [Test]
    public void Stdin_is_never_written_and_says_why()
    {
        var run = CliRun.WithStdin(TestManifests.MisplacedDeployment, "check", "--fix", "-");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Stderr.Trim(), Is.EqualTo("acrguard: -: 1 repair not made: stdin is never rewritten: fix the files it was made from"));
            Assert.That(run.Stdout, Does.Contain("  error   AG001 "));
        });
    }

    [Test]
    public void A_directory_is_repaired_file_by_file_and_a_helm_render_is_never_written()
    {
        var repository = RepositoryRun.Copy();
        var template = File.ReadAllText(Path.Combine(repository, "charts", "app", "templates", "deployment.yaml"));

        var run = RepositoryRun.In(repository, [RepositoryRun.HelmPrinting("shop-api-misplaced.yaml")], "--fix", "--exclude", "deploy", ".");

        var worker = File.ReadAllText(Path.Combine(repository, "k8s", "worker.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Does.Contain("acrguard: charts/app/templates/deployment.yaml: 1 repair not made: rendered by helm template, never rewritten: fix the template"));
            Assert.That(File.ReadAllText(Path.Combine(repository, "charts", "app", "templates", "deployment.yaml")), Is.EqualTo(template));
            Assert.That(worker, Does.Contain("""
                      annotations:
                        k8s.aliyun.com/acr-instance-ids: "cri-j36zhodptmyq1234"
                        k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/acr-pull"
                    spec:
                """.Replace("\r\n", "\n", StringComparison.Ordinal)));
            Assert.That(run.Stdout, Does.Contain("k8s/worker.yaml#1: Deployment shop/worker: ok"));
            Assert.That(run.ExitCode, Is.EqualTo(1), "the chart's render is still denied");
        });
    }

    [Test]
    public void A_byte_order_mark_and_the_files_mode_stay()
    {
        var file = CliRun.TempFile("bom.yaml", string.Empty);
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(Fixture("kind-list.yaml"))]);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, mode);
        }

        var run = CliRun.Of("check", "--fix", file);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout + run.Stderr);
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(file), Is.EqualTo(mode));
            }

            Assert.That(File.ReadAllBytes(file), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(File.ReadAllBytes(Fixture("kind-list.fixed.yaml")))));
        });
    }

    [Test]
    public void A_file_that_is_not_utf8_is_not_rewritten()
    {
        var file = CliRun.TempFile("latin1.yaml", string.Empty);
        var text = File.ReadAllText(Fixture("deployment-misplaced.yaml")).Replace("# Kinds out of scope", "# Kinds \u00e9 out of scope", StringComparison.Ordinal);
        File.WriteAllBytes(file, Encoding.Latin1.GetBytes(text));

        var run = CliRun.Of("check", "--fix", file);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(file), Is.EqualTo(Encoding.Latin1.GetBytes(text)));
            Assert.That(run.Stderr.Trim(), Is.EqualTo($"acrguard: {file}: not fixed: not valid UTF-8"));
            Assert.That(run.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void Dry_run_without_fix_is_a_usage_error()
    {
        var run = CliRun.Of("check", "--dry-run", Fixture("conflict.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.StartWith("acrguard: --dry-run goes with --fix"));
        });
    }
}
