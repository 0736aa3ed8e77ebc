using System.CommandLine;

namespace AcrGuard.Commands;

/// <summary>The <c>acrguard</c> command line: composes the subcommands and maps usage errors to exit 2.</summary>
public static class AcrGuardCli
{
    public const int UsageError = 2;

    public static int Run(string[] args, TextReader stdin, Stream stdout, TextWriter stderr, AuditCommand.Terminal? terminal = null)
    {
        var output = new StreamWriter(stdout) { AutoFlush = true };
        var root = new RootCommand("AcrGuard: checks Alibaba Cloud ECI's secret-free ACR pull annotations")
        {
            CheckCommand.Create(stdin, stdout, stderr),
            ServeCommand.Create(stderr),
            CertsCommand.Create(output, stderr, TimeProvider.System),
            RulesCommand.Create(stdout),
            VapCommand.Create(stdout, stderr),
            AuditCommand.Create(stdout, stderr, terminal ?? AuditCommand.Terminal.None, Environment.GetEnvironmentVariable, TimeProvider.System),
        };

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                stderr.WriteLine($"acrguard: {error.Message}");
            }

            stderr.WriteLine("Run 'acrguard --help' for usage.");
            return UsageError;
        }

        // No termination handling of its own: serve's host drains in-flight reviews on SIGTERM, which
        // System.CommandLine's default (cancel, then kill after 2 s) would cut short.
        return result.Invoke(new InvocationConfiguration { Output = output, Error = stderr, ProcessTerminationTimeout = null });
    }
}
