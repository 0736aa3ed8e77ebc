namespace AcrGuard.Tests;

/// <summary>
/// Inputs AFL++ found (test/fuzz/run.sh) that crashed <c>acrguard check</c>: each must now be
/// a clean input error (exit 2, one line naming the file), and the configuration reader must
/// refuse them the same way.
/// </summary>
public class FuzzRegressionTests
{
    public static IEnumerable<string> Crashes() =>
        Directory.EnumerateFiles(CliRun.InTestDirectory("assets", "fuzz")).Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(Crashes))]
    public void Fuzzer_crash_is_an_input_error(string name)
    {
        var file = CliRun.InTestDirectory("assets", "fuzz", name);

        var run = CliRun.Of("check", file);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith($"acrguard: {file}:").And.Contain("not valid YAML"));
    }

    [TestCaseSource(nameof(Crashes))]
    public void Fuzzer_crash_as_a_configuration_is_refused(string name)
    {
        var run = CliRun.WithStdin("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n", "check", "--config", CliRun.InTestDirectory("assets", "fuzz", name), "-");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("not valid YAML"));
    }
}
