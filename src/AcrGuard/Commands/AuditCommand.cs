using System.CommandLine;
using AcrGuard.Audit;
using AcrGuard.Audit.Cluster;
using AcrGuard.Audit.PolicyReports;
using AcrGuard.Check.Output;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Configuration;

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
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig file; default $KUBECONFIG, then ~/.kube/config, then the pod's service account" };
        var context = new Option<string?>("--context") { Description = "kubeconfig context; default its current-context" };
        var namespaces = new Option<string[]>("--namespace", "-n") { Description = "Audit only this namespace (repeatable); default every namespace and the cluster-scoped kinds", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector, e.g. app=web,tier!=cache" };
        var pageSize = new Option<int>("--page-size") { Description = "Objects per list request (limit)", DefaultValueFactory = _ => AuditOptions.DefaultPageSize };
        pageSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--page-size must be at least 1");
            }
        });
        var config = new Option<string?>("--config") { Description = "Configuration file (YAML)" };
        var mode = new Option<string?>("--mode") { Description = "enforce or audit everywhere, instead of each namespace's acrguard.io/mode label" };
        mode.AcceptOnlyFromAmong(EnforcementModeNames.Enforce, EnforcementModeNames.Audit);
        var includeOwned = new Option<bool>("--include-owned") { Description = "Also report objects whose controller is audited (a Deployment's ReplicaSets and Pods)" };
        var output = new Option<string>("--output", "-o") { Description = "text, json, sarif or junit", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong(ReportFormats.Names);
        var failOnWarn = new Option<bool>("--fail-on-warn") { Description = "Exit 1 on warnings too" };
        var policyReport = new Option<bool>("--policy-report") { Description = "Also write the findings as wgpolicyk8s.io/v1alpha2 PolicyReports named acrguard" };

        var command = new Command("audit", "Check the objects already in a cluster with the same rules as the webhook")
        {
            kubeconfig, context, namespaces, selector, pageSize, config, mode, includeOwned, output, failOnWarn, policyReport,
        };
        command.SetAction(async (result, cancellation) =>
        {
            AcrGuardConfig loaded;
            try
            {
                loaded = ConfigFile.Instance.Load(result.GetValue(config));
            }
            catch (ConfigException e)
            {
                await stderr.WriteLineAsync($"acrguard: {e.Message}").ConfigureAwait(false);
                return AcrGuardCli.UsageError;
            }

            var options = new AuditOptions
            {
                Namespaces = result.GetValue(namespaces) ?? [],
                LabelSelector = result.GetValue(selector),
                PageSize = result.GetValue(pageSize),
                Mode = EnforcementModeNames.Parse(result.GetValue(mode)),
                IncludeOwned = result.GetValue(includeOwned),
                KeepFindings = result.GetValue(policyReport),
            };
            var format = result.GetValue(output) ?? "text";

            // A terminal sees the audit move; a pipe, a file or a CI log gets only the report.
            var progress = terminal.StderrIsTerminal && terminal.StdoutIsTerminal ? new TerminalProgress(stderr, options.Kinds.Count + loaded.Workloads.Count) : null;
            try
            {
                var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                var clientConfig = ClusterConnection.Configure(result.GetValue(kubeconfig), result.GetValue(context), environment("KUBECONFIG"), home);
                using var cluster = ClusterConnection.Connect(clientConfig);
                var publisher = result.GetValue(policyReport) ? new PolicyReportPublisher(cluster, options, time) : null;
                if (publisher is not null)
                {
                    await publisher.EnsureInstalledAsync(cancellation).ConfigureAwait(false);
                }

                // Written object by object as the pages are judged, into a spool that reaches stdout
                // only when the whole cluster was read: a failure half-way prints no half report.
                using var spool = ReportSpool.Create();
                var runner = new AuditRunner(cluster, new Evaluator(loaded), options, progress) { Writer = ReportFormats.For(format), Output = spool };
                var audit = await runner.RunAsync(cancellation).ConfigureAwait(false);
                foreach (var note in audit.Notes)
                {
                    await stderr.WriteLineAsync($"acrguard: {note}").ConfigureAwait(false);
                }

                if (publisher is not null)
                {
                    foreach (var line in await publisher.PublishAsync(audit, cancellation).ConfigureAwait(false))
                    {
                        await stderr.WriteLineAsync($"acrguard: {line}").ConfigureAwait(false);
                    }
                }

                using (var written = audit.Report.Output)
                {
                    written?.Finish(audit.Report);
                }

                spool.Position = 0;
                await spool.CopyToAsync(stdout, cancellation).ConfigureAwait(false);
                await stdout.FlushAsync(cancellation).ConfigureAwait(false);
                foreach (var error in audit.Report.InputErrors)
                {
                    await stderr.WriteLineAsync($"acrguard: {error}").ConfigureAwait(false);
                }

                return audit.Report.ExitCode(result.GetValue(failOnWarn));
            }
            catch (ClusterException e)
            {
                progress?.Done();
                await stderr.WriteLineAsync($"acrguard: {e.Message}").ConfigureAwait(false);
                return AcrGuardCli.UsageError;
            }
        });
        return command;
    }
}
