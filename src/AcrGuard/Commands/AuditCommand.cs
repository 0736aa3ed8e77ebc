using System.CommandLine;

namespace AcrGuard.Commands;

/// <summary><c>acrguard audit</c>: the rules on the objects already in a cluster, read-only but for its reports.</summary>
public static class AuditCommand
{
    /// <summary>Where the console is, so a progress line goes only to a terminal.</summary>
    public sealed record Terminal(bool StdoutIsTerminal, bool StderrIsTerminal)
    {
        public static readonly Terminal None = new(false, false);
    }

    public static Command Create(Stream stdout, TextWriter stderr, Terminal terminal, Func<string, string?> environment, TimeProvider time)
    {
        var flags = new AuditFlags();
        var command = new Command("audit", "Check the objects already in a cluster with the same rules as the webhook");
        foreach (var option in flags.All)
        {
            command.Options.Add(option);
        }

        var invocation = new AuditInvocation(stdout, stderr, terminal, environment, time);
        command.SetAction((result, cancellation) => invocation.RunAsync(flags, result, cancellation));
        return command;
    }
}
