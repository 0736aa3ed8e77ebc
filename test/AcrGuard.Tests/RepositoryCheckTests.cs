using System.Text.Json;
using System.Xml.Linq;

namespace AcrGuard.Tests;

/// <summary>
/// <c>acrguard check .</c> on a repository (assets/repository): manifests with one bad
/// Deployment, a Helm chart, a kustomize base with two overlays, a GitHub workflow, a
/// docker-compose file and a templated Job outside any chart.
/// </summary>
public class RepositoryCheckTests
{
    private const string HelmHint = "acrguard: charts/app: Helm chart not rendered: helm is not on PATH; run: helm template charts/app | acrguard check -";

    private static readonly string[] Judged =
    [
        "deploy/overlays/prod/kustomization.yaml#1", "deploy/overlays/prod/kustomization.yaml#2",
        "deploy/overlays/staging/kustomization.yaml#1", "deploy/overlays/staging/kustomization.yaml#2",
        "k8s/settings.json#1", "k8s/web.yaml#1", "k8s/web.yaml#2", "k8s/worker.yaml#1",
    ];

    private static readonly string[] Skipped =
    [
        ".github/workflows/ci.yml notKubernetes", "charts/app notRendered", "docker-compose.yml notKubernetes", "templates/migrate-job.yaml template",
    ];

    private static string[] Sources(JsonDocument json) =>
        [.. json.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("source").GetString()!)];

    private static string[] SkippedOf(JsonDocument json) =>
        [.. json.RootElement.GetProperty("skipped").EnumerateArray().Select(s => $"{s.GetProperty("path").GetString()} {s.GetProperty("reason").GetString()}")];

    [Test]
    public void Manifests_and_each_overlay_are_judged_once_and_the_rest_skipped_with_its_reason()
    {
        var run = RepositoryRun.Of([RepositoryRun.Kubectl()], "--output", "json", ".");

        using var json = JsonDocument.Parse(run.Stdout);
        var objects = json.RootElement.GetProperty("objects").EnumerateArray().ToList();
        var overlayDeployments = objects.Where(o => o.GetProperty("kind").GetString() == "Deployment" && o.GetProperty("source").GetString()!.StartsWith("deploy/", StringComparison.Ordinal));
        var summary = json.RootElement.GetProperty("summary");
        Assert.Multiple(() =>
        {
            Assert.That(Sources(json), Is.EqualTo(Judged), "the base is judged through its overlays only; patches and kustomization files never raw");
            Assert.That(overlayDeployments.Select(o => o.GetProperty("namespace").GetString()), Is.EqualTo(new[] { "payments-prod", "payments-staging" }));
            Assert.That(SkippedOf(json), Is.EqualTo(Skipped));
            Assert.That(objects.Where(o => !o.GetProperty("allowed").GetBoolean()).Select(o => o.GetProperty("source").GetString()), Is.EqualTo(new[] { "k8s/worker.yaml#1" }));
            Assert.That(summary.GetProperty("objects").GetInt32(), Is.EqualTo(8));
            Assert.That(summary.GetProperty("denied").GetInt32(), Is.EqualTo(1));
            Assert.That(summary.GetProperty("inputErrors").GetInt32(), Is.EqualTo(0));
            Assert.That(summary.GetProperty("skipped").GetInt32(), Is.EqualTo(4));
            Assert.That(run.Stderr.TrimEnd(), Is.EqualTo(HelmHint));
            Assert.That(run.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void Text_output_lists_skipped_files_counts_per_rule_and_ends_with_the_summary()
    {
        var run = RepositoryRun.Of([RepositoryRun.Kubectl()], ".");

        var lines = run.Stdout.TrimEnd().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(run.Stdout, Does.Contain("k8s/worker.yaml#1: Deployment shop/worker: denied\n  error   AG001 "));
            Assert.That(run.Stdout, Does.Contain("\ndocker-compose.yml: skipped: not a Kubernetes object (no kind)\n"));
            Assert.That(run.Stdout, Does.Contain("\ntemplates/migrate-job.yaml: skipped: a template ({{ }}) that is not valid YAML: render it and pipe the output to acrguard check -\n"));
            Assert.That(lines[^2], Is.EqualTo("AG001: 1 error (ACR pull annotation on a workload's own metadata)"));
            Assert.That(lines[^1], Is.EqualTo("8 objects checked (enforce mode): 1 denied, 1 error, 0 warnings; 3 files skipped: 2 not Kubernetes objects, 1 template outside a chart; 1 directory not rendered"));
            Assert.That(run.Stdout, Does.Not.Contain("\u001b["), "no colour when the output is not a terminal");
            Assert.That(run.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void Without_helm_or_kubectl_each_unrendered_directory_gets_one_line_with_the_command()
    {
        var run = RepositoryRun.Of([], ".");

        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr.TrimEnd().Split('\n'), Is.EqualTo(new[]
            {
                HelmHint,
                "acrguard: deploy/overlays/prod: kustomize directory not rendered: neither kubectl nor kustomize is on PATH; run: kubectl kustomize deploy/overlays/prod | acrguard check -",
                "acrguard: deploy/overlays/staging: kustomize directory not rendered: neither kubectl nor kustomize is on PATH; run: kubectl kustomize deploy/overlays/staging | acrguard check -",
            }));
            Assert.That(run.Stdout, Does.Not.Contain("deploy/base"), "the base's files are the overlays' resources, never judged raw");
            Assert.That(run.Stdout.TrimEnd(), Does.EndWith("4 objects checked (enforce mode): 1 denied, 1 error, 0 warnings; 3 files skipped: 2 not Kubernetes objects, 1 template outside a chart; 3 directories not rendered"));
            Assert.That(run.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_chart_is_judged_as_helm_renders_it_under_its_template_file_names()
    {
        var run = RepositoryRun.Of([RepositoryRun.HelmPrinting("shop-api.yaml")], "--output", "json", ".");

        using var json = JsonDocument.Parse(run.Stdout);
        var chart = json.RootElement.GetProperty("objects").EnumerateArray().Where(o => o.GetProperty("source").GetString()!.StartsWith("charts/", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(chart.Select(o => $"{o.GetProperty("source").GetString()} {o.GetProperty("kind").GetString()} {o.GetProperty("name").GetString()}"), Is.EqualTo(new[]
            {
                "charts/app/templates/service.yaml#1 Service release-name-shop-api",
                "charts/app/templates/deployment.yaml#1 Deployment release-name-shop-api",
            }));
            Assert.That(chart.All(o => o.GetProperty("allowed").GetBoolean()), Is.True);
            Assert.That(SkippedOf(json), Does.Not.Contain("charts/app notRendered"));
            Assert.That(run.Stderr, Does.Contain("kubectl kustomize deploy/overlays/prod"), "kubectl is not on this PATH");
            Assert.That(run.Stderr, Does.Not.Contain("helm"));
            Assert.That(run.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void Exclude_reaches_into_a_chart_render_by_template_path()
    {
        var run = RepositoryRun.Of([RepositoryRun.HelmPrinting("shop-api.yaml")], "--output", "json", "--exclude", "charts/app/templates/service.yaml", ".");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.That(Sources(json).Where(s => s.StartsWith("charts/", StringComparison.Ordinal)), Is.EqualTo(new[] { "charts/app/templates/deployment.yaml#1" }));
    }

    [Test]
    public void Github_output_points_a_rendered_chart_finding_at_its_template()
    {
        var run = RepositoryRun.Of([RepositoryRun.HelmPrinting("shop-api-misplaced.yaml")], "--output", "github", ".");

        var lines = run.Stdout.TrimEnd().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines.Where(l => l.StartsWith("::error ", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                "::error file=charts/app/templates/deployment.yaml,line=8,title=AG001::Deployment release-name-shop-api: AG001 k8s.aliyun.com/acr-service-arns is on the Deployment's metadata, where ECI never reads it: move it to spec.template.metadata.annotations [metadata.annotations['k8s.aliyun.com/acr-service-arns']]",
                "::error file=k8s/worker.yaml,line=8,title=AG001::Deployment shop/worker: AG001 k8s.aliyun.com/acr-service-arns is on the Deployment's metadata, where ECI never reads it: move it to spec.template.metadata.annotations [metadata.annotations['k8s.aliyun.com/acr-service-arns']]",
            }));
            Assert.That(lines.Where(l => l.StartsWith("::notice ", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                "::notice title=acrguard%3A not rendered::deploy/overlays/prod: kustomize directory not rendered: neither kubectl nor kustomize is on PATH; run: kubectl kustomize deploy/overlays/prod | acrguard check -",
                "::notice title=acrguard%3A not rendered::deploy/overlays/staging: kustomize directory not rendered: neither kubectl nor kustomize is on PATH; run: kubectl kustomize deploy/overlays/staging | acrguard check -",
            }));
            Assert.That(lines[^1], Does.StartWith("6 objects checked (enforce mode): 2 denied, 2 errors, 0 warnings"));
            Assert.That(run.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_chart_helm_cannot_render_is_an_input_error_naming_it()
    {
        var run = RepositoryRun.Of([RepositoryRun.HelmFailing()], ".");

        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Does.Contain("acrguard: charts/app: helm template failed: Error: execution error at (shop-api/templates/deployment.yaml:18:44): acr.serviceRole is required\n"));
            Assert.That(run.Stdout, Does.Contain("k8s/worker.yaml#1: Deployment shop/worker: denied"), "the rest is still judged");
            Assert.That(run.ExitCode, Is.EqualTo(2));
        });
    }

    [Test]
    public void Exclude_leaves_out_files_and_directories_relative_to_the_directory_given()
    {
        var kubectl = RepositoryRun.Kubectl();

        var withoutWorker = RepositoryRun.Of([kubectl], "--output", "json", "--exclude", "k8s/worker.yaml", "--exclude", "**/*.yml", ".");
        var withoutOverlays = RepositoryRun.Of([kubectl], "--output", "json", "--exclude", "deploy/overlays", "--exclude", "charts/", ".");

        using var first = JsonDocument.Parse(withoutWorker.Stdout);
        using var second = JsonDocument.Parse(withoutOverlays.Stdout);
        Assert.Multiple(() =>
        {
            Assert.That(Sources(first), Is.EqualTo(Judged.Where(s => !s.StartsWith("k8s/worker", StringComparison.Ordinal))));
            Assert.That(SkippedOf(first), Is.EqualTo(new[] { "charts/app notRendered", "templates/migrate-job.yaml template" }));
            Assert.That(withoutWorker.ExitCode, Is.EqualTo(0));
            Assert.That(Sources(second).Where(s => s.StartsWith("deploy/", StringComparison.Ordinal)), Is.EqualTo(new[] { "deploy/base/kustomization.yaml#1", "deploy/base/kustomization.yaml#2" }), "no overlay uses the base any more: it is rendered itself");
            Assert.That(SkippedOf(second), Does.Not.Contain("charts/app notRendered"));
            Assert.That(withoutOverlays.Stderr, Is.Empty);
        });
    }

    [Test]
    public void Sarif_and_junit_outputs_cover_the_walk()
    {
        var kubectl = RepositoryRun.Kubectl();

        var sarif = RepositoryRun.Of([kubectl], "--output", "sarif", ".");
        var junit = RepositoryRun.Of([kubectl], "--output", "junit", ".");

        using var document = JsonDocument.Parse(sarif.Stdout);
        var result = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single();
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        var suite = XDocument.Parse(junit.Stdout).Root!.Element("testsuite")!;
        Assert.Multiple(() =>
        {
            Assert.That(location.GetProperty("artifactLocation").GetProperty("uri").GetString(), Is.EqualTo("k8s/worker.yaml"));
            Assert.That(location.GetProperty("region").GetProperty("startLine").GetInt32(), Is.EqualTo(8));
            Assert.That((int)suite.Attribute("tests")!, Is.EqualTo(8));
            Assert.That((int)suite.Attribute("failures")!, Is.EqualTo(1));
            Assert.That((int)suite.Attribute("errors")!, Is.EqualTo(0));
            Assert.That(sarif.ExitCode, Is.EqualTo(1));
            Assert.That(junit.ExitCode, Is.EqualTo(1));
        });
    }
}
