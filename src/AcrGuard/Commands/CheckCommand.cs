using System.CommandLine;
using AcrGuard.Check;
using AcrGuard.Check.Output;
using AcrGuard.Configuration;
using AcrGuard.Findings;

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
        mode.AcceptOnlyFromAmong("enforce", "audit");
        var output = new Option<string>("--output", "-o") { Description = "text, json, sarif or junit", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong(ReportFormats.Names);
        var failOnWarn = new Option<bool>("--fail-on-warn") { Description = "Exit 1 on warnings too" };

        var command = new Command("check", "Check manifests offline with the same rules as the webhook")
        {
            paths, config, mode, output, failOnWarn,
        };
        command.SetAction(result =>
        {
            AcrGuardConfig loaded;
            try
            {
                loaded = ConfigFile.Load(result.GetValue(config));
            }
            catch (ConfigException e)
            {
                stderr.WriteLine($"acrguard: {e.Message}");
                return 2;
            }

            var effectiveMode = result.GetValue(mode) switch
            {
                "audit" => EnforcementMode.Audit,
                "enforce" => EnforcementMode.Enforce,
                _ => loaded.Mode,
            };
            var report = new CheckRunner(new Evaluator(loaded), effectiveMode).Run(result.GetValue(paths) ?? [], stdin);
            ReportFormats.For(result.GetValue(output) ?? "text").Write(report, stdout);
            stdout.Flush();
            foreach (var error in report.InputErrors)
            {
                stderr.WriteLine($"acrguard: {error}");
            }

            return report.ExitCode(result.GetValue(failOnWarn));
        });
        return command;
    }
}
