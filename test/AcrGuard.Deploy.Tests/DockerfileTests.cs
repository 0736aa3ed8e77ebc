using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AcrGuard.Deploy.Tests;

/// <summary>
/// deploy/Dockerfile cannot be built here (no Docker in CI), so what ties it to the rest is checked
/// as text: the native executable it starts, the user the Deployment runs as, the files its
/// context keeps. CI publishes and runs that executable itself (.ci/run).
/// </summary>
public class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "Dockerfile"));

    private static readonly string[] IgnoreRules =
        File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "deploy", "Dockerfile.dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToArray();

    [Test]
    public void Entrypoint_runs_the_native_executable_the_project_publishes()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot.Path, "src", "AcrGuard", "AcrGuard.csproj"));
        var assembly = project.Descendants("AssemblyName").Single().Value;
        var publishAot = project.Descendants("PublishAot").Single();

        Assert.Multiple(() =>
        {
            Assert.That(Dockerfile, Does.Contain($"COPY --from=build /app/{assembly} ./"));
            Assert.That(Dockerfile, Does.Contain($"ENTRYPOINT [\"/app/{assembly}\"]"));
            Assert.That(Dockerfile, Does.Not.Contain("\"dotnet\""), "the image carries no .NET runtime to run a dll with");
            Assert.That(Dockerfile, Does.Contain("dotnet publish src/AcrGuard/AcrGuard.csproj"));
            Assert.That(publishAot.Value, Is.EqualTo("true"), "`dotnet publish -r`/`--arch` must make the native one");
            Assert.That(publishAot.Attribute("Condition")?.Value, Does.Contain("'$(PublishAot)' == ''"), "-p:PublishAot=false still makes the JIT build");
            Assert.That(publishAot.Attribute("Condition")?.Value, Does.Contain("'$(RuntimeIdentifier)' != ''"), "without a RID, publish stays the JIT build");
        });
    }

    [Test]
    public void Image_is_the_native_binary_on_chiseled_runtime_deps_as_the_deployments_user()
    {
        var stages = Regex.Matches(Dockerfile, @"^FROM\s+(?:--platform=\S+\s+)?(\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var user = Regex.Match(Dockerfile, @"^USER\s+(\d+)", RegexOptions.Multiline).Groups[1].Value;
        var deployment = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "base", "deployment.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(stages, Is.EqualTo(new[] { "mcr.microsoft.com/dotnet/sdk:10.0-noble-aot", "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled" }));
            Assert.That(user, Is.EqualTo("65532"));
            Assert.That(Regex.Matches(deployment, @"runAsUser:\s*(\d+)").Select(m => m.Groups[1].Value), Is.All.EqualTo(user));
        });
    }

    [Test]
    public void Build_stage_compiles_for_the_target_architecture_on_that_architecture()
    {
        // Native AOT links with the target's toolchain: a build stage pinned to $BUILDPLATFORM
        // would link an arm64 binary with the amd64 clang and fail.
        Assert.Multiple(() =>
        {
            Assert.That(Dockerfile, Does.Not.Contain("--platform=$BUILDPLATFORM"));
            Assert.That(Dockerfile, Does.Match(@"(?m)^ARG TARGETARCH$"));
            Assert.That(Dockerfile, Does.Contain("--arch \"$TARGETARCH\""));
        });
    }

    [Test]
    public void Build_context_keeps_what_the_build_stage_copies_and_drops_build_output()
    {
        var copied = Regex.Matches(Dockerfile, @"^COPY\s+(?!--from)(.+)\s+\S+$", RegexOptions.Multiline)
            .SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(IgnoreRules[0], Is.EqualTo("*"), "everything is ignored unless re-included");
            Assert.That(copied, Is.Not.Empty);
            Assert.That(copied, Is.All.Matches<string>(path => IgnoreRules.Contains("!" + path)), string.Join(", ", copied));
            Assert.That(copied.Where(p => !p.EndsWith('/')).Select(p => Path.Combine(RepositoryRoot.Path, p)), Is.All.Matches<string>(File.Exists));
            Assert.That(IgnoreRules, Does.Contain("**/bin/").And.Contain("**/obj/"));
        });
    }
}
