using System.Text;
using AcrGuard.Commands;

namespace AcrGuard.Tests;

/// <summary>Runs the <c>acrguard</c> command line in-process, as a shell would, and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args) => WithStdin(string.Empty, args);

    public static CliRun WithStdin(string stdin, params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = AcrGuardCli.Run(args, new StringReader(stdin), stdout, stderr);
        return new CliRun(exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    public static string InTestDirectory(params string[] parts) => Path.Combine([TestContext.CurrentContext.TestDirectory, .. parts]);

    /// <summary>A file in a fresh temporary folder, for inputs a test makes up.</summary>
    public static string TempFile(string name, string content)
    {
        var directory = Directory.CreateTempSubdirectory("acrguard-tests-").FullName;
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
