namespace AcrGuard.Tests;

/// <summary>
/// What a directory walk makes of files that are not plain manifests: skipped and counted when
/// they hold no Kubernetes object, judged strictly when they do or read as if they did.
/// </summary>
public class DirectoryTriageTests
{
    private static string DirectoryWith(params (string Name, string Content)[] files)
    {
        var directory = Directory.CreateTempSubdirectory("acrguard-walk-").FullName;
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        return directory;
    }

    [Test]
    public void Values_files_and_empty_files_are_skipped_in_a_directory_but_not_when_named()
    {
        var directory = DirectoryWith(("values.yaml", "replicaCount: 2\nimage: nginx\n"), ("empty.yaml", "# nothing yet\n"), ("pod.yaml", TestManifests.MisplacedDeployment));

        var walked = CliRun.Of("check", directory);
        var named = CliRun.Of("check", Path.Combine(directory, "values.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(walked.Stdout, Does.Contain($"{directory}/values.yaml: skipped: not a Kubernetes object (no kind)"));
            Assert.That(walked.Stdout, Does.Contain($"{directory}/empty.yaml: skipped: no documents"));
            Assert.That(walked.Stdout.TrimEnd(), Does.EndWith("1 object checked (enforce mode): 1 denied, 1 error, 0 warnings; 2 files skipped: not Kubernetes objects"));
            Assert.That(walked.ExitCode, Is.EqualTo(1));
            Assert.That(named.ExitCode, Is.EqualTo(2), "a file named on the command line stays strict");
        });
    }

    [Test]
    public void A_document_without_a_kind_beside_objects_is_an_input_error()
    {
        var directory = DirectoryWith(
            ("app.yaml", TestManifests.MisplacedDeployment + "\n---\nreplicaCount: 2\n"),
            ("before.yaml", "replicaCount: 2\n---\n" + TestManifests.MisplacedDeployment));

        var run = CliRun.Of("check", directory);

        Assert.Multiple(() =>
        {
            Assert.That(run.Stdout, Does.Contain("app.yaml#1: Deployment default/web: denied"));
            Assert.That(run.Stdout, Does.Contain("before.yaml#2: Deployment default/web: denied"));
            Assert.That(run.Stderr.TrimEnd().Split(Environment.NewLine), Is.EqualTo(new[]
            {
                $"acrguard: {directory}/app.yaml:19: document #2: not a Kubernetes object: no apiVersion",
                $"acrguard: {directory}/before.yaml:1: document #1: not a Kubernetes object: no apiVersion",
            }));
            Assert.That(run.ExitCode, Is.EqualTo(2));
        });
    }

    [Test]
    public void Broken_yaml_that_reads_like_kubernetes_is_reported_and_other_broken_yaml_skipped()
    {
        var directory = DirectoryWith(
            ("broken-pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n"),
            ("notes.yaml", "title: [unfinished\n"));

        var run = CliRun.Of("check", directory);

        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Does.StartWith($"acrguard: {directory}/broken-pod.yaml:5: not valid YAML: "));
            Assert.That(run.Stdout, Does.Contain($"{directory}/notes.yaml: skipped: not valid YAML or JSON, and no apiVersion and kind in it"));
            Assert.That(run.ExitCode, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_template_outside_a_chart_is_skipped_but_a_manifest_holding_braces_is_judged()
    {
        var directory = DirectoryWith(
            ("job.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Name }}\nspec:\n  template:\n    spec:\n      {{- if .Debug }}\n      restartPolicy: Never\n      {{- end }}\n"),
            ("alerts.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alert-templates\ndata:\n  title: '{{ $labels.instance }} is down'\n"));

        var run = CliRun.Of("check", "--output", "json", directory);

        Assert.Multiple(() =>
        {
            Assert.That(run.Stdout, Does.Contain("\"reason\": \"template\""));
            Assert.That(run.Stdout, Does.Contain("\"name\": \"alert-templates\""));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        });
    }

    [Test]
    public void Helm_repository_index_and_compose_files_in_json_are_skipped()
    {
        var directory = DirectoryWith(
            ("index.yaml", "apiVersion: v1\nentries: {}\ngenerated: \"2024-01-01T00:00:00Z\"\n"),
            ("renovate.json", "{\"extends\": [\"config:recommended\"]}\n"));

        var run = CliRun.Of("check", "--output", "json", directory);

        Assert.Multiple(() =>
        {
            Assert.That(run.Stdout, Does.Contain("\"skipped\": 2"));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        });
    }

    [Test]
    public void A_kustomize_component_nothing_uses_is_skipped_with_its_patch()
    {
        var directory = DirectoryWith(
            ("components/eci/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n- path: eci-label.yaml\n"),
            ("components/eci/eci-label.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: any\nspec:\n  template:\n    metadata:\n      labels:\n        alibabacloud.com/eci: \"true\"\n"));

        var run = CliRun.Of("check", "--output", "json", directory);

        Assert.Multiple(() =>
        {
            Assert.That(run.Stdout, Does.Contain("\"reason\": \"kustomizeComponent\""));
            Assert.That(run.Stdout, Does.Contain("\"objects\": []"), "the patch is a partial object, never judged raw");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        });
    }

    [Test]
    public void A_kustomization_that_is_not_valid_yaml_is_an_input_error_naming_it()
    {
        var directory = DirectoryWith(("app/kustomization.yaml", "resources: [deployment.yaml\n"));

        var run = CliRun.Of("check", directory);

        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Does.StartWith($"acrguard: {directory}/app/kustomization.yaml:2: not valid YAML: "));
            Assert.That(run.ExitCode, Is.EqualTo(2));
        });
    }
}
