using System.CommandLine;
using AcrGuard.Check;
using AcrGuard.Check.Output;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Webhook.Configuration;

namespace AcrGuard.Commands;

/// <summary><c>acrguard check</c>: the rules on manifest files, offline, for CI.</summary>
public static class CheckCommand
{
    public static Command Create(TextReader stdin, Stream stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Manifest files or directories (*.yaml, *.yml, *.json, recursively); - reads stdin",
            Arity = ArgumentArity.OneOrMore,
        };
        var config = new Option<string?>("--config") { Description = "Configuration file (YAML)" };
        var mode = new Option<string?>("--mode") { Description = "enforce or audit; overrides the configuration" };
        mode.AcceptOnlyFromAmong(EnforcementModeNames.Enforce, EnforcementModeNames.Audit);
        var output = new Option<string>("--output", "-o") { Description = "text, json, sarif, junit or github (GitHub Actions annotations)", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong(ReportFormats.Names);
        var failOnWarn = new Option<bool>("--fail-on-warn") { Description = "Exit 1 on warnings too" };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "Leave out paths matching this glob (relative to each directory given; repeatable)",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("check", "Check manifests offline with the same rules as the webhook")
        {
            paths, config, mode, output, failOnWarn, exclude,
        };
        command.SetAction(result =>
        {
            AcrGuardConfig loaded;
            try
            {
                loaded = ConfigFile.Instance.Load(result.GetValue(config));
            }
            catch (ConfigException e)
            {
                stderr.WriteLine($"acrguard: {e.Message}");
                return 2;
            }

            var effectiveMode = EnforcementModeNames.Parse(result.GetValue(mode)) ?? loaded.Mode;
            var runner = new CheckRunner(new Evaluator(loaded), effectiveMode) { Exclusions = new PathExclusions(result.GetValue(exclude) ?? []) };
            var report = runner.Run(result.GetValue(paths) ?? [], stdin);
            // The report goes to this process's stdout (Program), so the console's state is the output's.
            var terminal = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
            var style = new AnsiStyle(AnsiStyle.ShouldColour(terminal, Environment.GetEnvironmentVariable("NO_COLOR")));
            ReportFormats.For(result.GetValue(output) ?? "text", style).Write(report, stdout);
            stdout.Flush();
            foreach (var skipped in report.Skipped.Where(s => s.Reason == SkipReason.NotRendered))
            {
                stderr.WriteLine($"acrguard: {skipped.Path}: {skipped.Detail}");
            }

            foreach (var error in report.InputErrors)
            {
                stderr.WriteLine($"acrguard: {error}");
            }

            return report.ExitCode(result.GetValue(failOnWarn));
        });
        return command;
    }
}
