using System.Diagnostics;

namespace AcrGuard.Deploy.Tests;

/// <summary>Runs <c>kubectl kustomize</c>, the renderer users run; without kubectl the tests say so and are ignored.</summary>
internal static class Kubectl
{
    public static string Kustomize(string directory)
    {
        var kubectl = Find();
        if (kubectl is null)
        {
            Assert.Ignore("kubectl is not installed: the kustomize overlays cannot be rendered (install kubectl 1.27+ to run these tests)");
        }

        var start = new ProcessStartInfo(kubectl!)
        {
            ArgumentList = { "kustomize", directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new KustomizeException($"kubectl kustomize {directory} exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout;
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl"))
            .FirstOrDefault(File.Exists);
}
