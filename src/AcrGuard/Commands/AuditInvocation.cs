using System.CommandLine;
using AcrGuard.Audit;
using AcrGuard.Audit.Cluster;
using AcrGuard.Audit.PolicyReports;
using AcrGuard.Check;
using AcrGuard.Check.Output;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Configuration;

namespace AcrGuard.Commands;

/// <summary>
/// One run of <c>acrguard audit</c>, step by step: load the configuration, connect, make sure the
/// PolicyReport resources are there when asked to write them, audit, publish, report.
/// </summary>
internal sealed class AuditInvocation(Stream stdout, TextWriter stderr, AuditCommand.Terminal terminal, Func<string, string?> environment, TimeProvider time)
{
    public async Task<int> RunAsync(AuditFlags flags, ParseResult result, CancellationToken cancellation)
    {
        AcrGuardConfig loaded;
        try
        {
            loaded = ConfigFile.Instance.Load(result.GetValue(flags.Config));
        }
        catch (ConfigException e)
        {
            await SayAsync(e.Message).ConfigureAwait(false);
            return AcrGuardCli.UsageError;
        }

        var options = flags.Options(result);

        // A terminal sees the audit move; a pipe, a file or a CI log gets only the report.
        var progress = terminal.StderrIsTerminal && terminal.StdoutIsTerminal ? new TerminalProgress(stderr, options.Kinds.Count + loaded.Workloads.Count) : null;
        try
        {
            var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var clientConfig = ClusterConnection.Configure(result.GetValue(flags.Kubeconfig), result.GetValue(flags.Context), environment("KUBECONFIG"), home);
            using var cluster = ClusterConnection.Connect(clientConfig);
            var publisher = result.GetValue(flags.PolicyReport) ? new PolicyReportPublisher(cluster, options, time) : null;

            // Written object by object as the pages are judged, into a spool that reaches stdout
            // only when the whole cluster was read: a failure half-way prints no half report.
            using var spool = ReportSpool.Create();
            var runner = new AuditRunner(cluster, new Evaluator(loaded), options, progress) { Writer = ReportFormats.For(result.GetValue(flags.Output) ?? "text"), Output = spool };
            var audit = await AuditAsync(runner, publisher, cancellation).ConfigureAwait(false);
            return await ReportAsync(audit.Report, spool, result.GetValue(flags.FailOnWarn), cancellation).ConfigureAwait(false);
        }
        catch (ClusterException e)
        {
            progress?.Done();
            await SayAsync(e.Message).ConfigureAwait(false);
            return AcrGuardCli.UsageError;
        }
    }

    // The PolicyReport resources are checked first: without them the audit would be for nothing.
    private async Task<AuditResult> AuditAsync(AuditRunner runner, PolicyReportPublisher? publisher, CancellationToken cancellation)
    {
        if (publisher is not null)
        {
            await publisher.EnsureInstalledAsync(cancellation).ConfigureAwait(false);
        }

        var audit = await runner.RunAsync(cancellation).ConfigureAwait(false);
        foreach (var note in audit.Notes)
        {
            await SayAsync(note).ConfigureAwait(false);
        }

        if (publisher is not null)
        {
            foreach (var line in await publisher.PublishAsync(audit, cancellation).ConfigureAwait(false))
            {
                await SayAsync(line).ConfigureAwait(false);
            }
        }

        return audit;
    }

    private async Task<int> ReportAsync(CheckReport report, Stream spool, bool failOnWarn, CancellationToken cancellation)
    {
        using (var written = report.Output)
        {
            written?.Finish(report);
        }

        spool.Position = 0;
        await spool.CopyToAsync(stdout, cancellation).ConfigureAwait(false);
        await stdout.FlushAsync(cancellation).ConfigureAwait(false);
        foreach (var error in report.InputErrors)
        {
            await SayAsync(error).ConfigureAwait(false);
        }

        return report.ExitCode(failOnWarn);
    }

    private Task SayAsync(string line) => stderr.WriteLineAsync($"acrguard: {line}");
}
