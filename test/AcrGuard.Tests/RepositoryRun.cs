using System.Diagnostics;
using System.Text;
using AcrGuard.Check.Renderers;

namespace AcrGuard.Tests;

/// <summary>
/// <c>acrguard check</c> as a child process in the fixture repository (assets/repository), with
/// a PATH of its own: a fresh directory holding only the tools a test gives it (the real kubectl,
/// a stub helm), so that what is installed on the machine (or another test) cannot change the run.
/// </summary>
internal sealed record RepositoryRun(int ExitCode, string Stdout, string Stderr)
{
    public static string Repository => CliRun.InTestDirectory("assets", "repository");

    /// <summary>Runs check with <paramref name="args"/> in the repository; <paramref name="tools"/> are on PATH (name, script or null to link the installed one).</summary>
    public static RepositoryRun Of(IEnumerable<(string Name, string? Script)> tools, params string[] args) => In(Repository, tools, args);

    /// <summary>A copy of the repository in a fresh temporary directory, for runs that write (<c>--fix</c>).</summary>
    public static string Copy()
    {
        var copy = Directory.CreateTempSubdirectory("acrguard-repository-").FullName;
        foreach (var file in Directory.EnumerateFiles(Repository, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Repository, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    /// <summary>As <see cref="Of"/>, in <paramref name="directory"/>.</summary>
    public static RepositoryRun In(string directory, IEnumerable<(string Name, string? Script)> tools, params string[] args)
    {
        var bin = Directory.CreateTempSubdirectory("acrguard-path-").FullName;
        foreach (var (name, script) in tools)
        {
            var path = Path.Combine(bin, name);
            if (script is null)
            {
                var installed = ToolLocator.FromEnvironment().Find(name) ?? throw new InvalidOperationException($"{name} is not installed");
                File.CreateSymbolicLink(path, installed);
            }
            else
            {
                File.WriteAllText(path, script);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["PATH"] = bin;
        start.Environment.Remove("NO_COLOR");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "acrguard.dll"));
        start.ArgumentList.Add("check");
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"acrguard check {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return new RepositoryRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The installed kubectl, or the test is ignored with the reason.</summary>
    public static (string, string?) Kubectl()
    {
        if (ToolLocator.FromEnvironment().Find("kubectl") is null)
        {
            Assert.Ignore("kubectl is not installed: kustomize directories cannot be rendered here");
        }

        return ("kubectl", null);
    }

    /// <summary>A helm that checks it is asked for <c>helm template charts/app</c> and prints <paramref name="render"/> (a file of assets/helm-renders).</summary>
    public static (string, string?) HelmPrinting(string render) => ("helm", $"""
        #!/bin/sh
        if [ "$1" != template ] || [ "$2" != charts/app ] || [ $# -ne 2 ]; then
          echo "Error: stub helm was called as: helm $*" >&2
          exit 1
        fi
        exec /bin/cat '{CliRun.InTestDirectory("assets", "helm-renders", render)}'

        """);

    /// <summary>A helm that fails the way a chart with a missing required value does.</summary>
    public static (string, string?) HelmFailing() => ("helm", """
        #!/bin/sh
        echo 'Error: execution error at (shop-api/templates/deployment.yaml:18:44): acr.serviceRole is required' >&2
        exit 1

        """);
}
