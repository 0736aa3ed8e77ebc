using System.CommandLine;
using AcrGuard.Check;
using AcrGuard.Check.Fixing;
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
        var options = new CheckOptions();
        var command = new Command("check", "Check manifests offline with the same rules as the webhook");
        options.AddTo(command);
        command.SetAction(result => Run(options.Read(result), stdin, stdout, stderr));
        return command;
    }

    private static int Run(CheckOptions.Values values, TextReader stdin, Stream stdout, TextWriter stderr)
    {
        AcrGuardConfig loaded;
        try
        {
            loaded = ConfigFile.Instance.Load(values.Config);
        }
        catch (ConfigException e)
        {
            stderr.WriteLine($"acrguard: {e.Message}");
            return 2;
        }

        var effectiveMode = EnforcementModeNames.Parse(values.Mode) ?? loaded.Mode;
        // The report is written object by object as they are judged, so that memory does not grow
        // with the input (docs/performance.md); straight to stdout, except with --dry-run, whose
        // diffs come first: then into a spool, printed after them.
        using var spool = values.Fix == FixMode.DryRun ? ReportSpool.Create() : null;
        var runner = new CheckRunner(new Evaluator(loaded), effectiveMode)
        {
            Exclusions = new PathExclusions(values.Exclude),
            Fix = values.Fix,
            Writer = ReportFormats.For(values.Output, Style()),
            Output = spool ?? stdout,
        };
        var report = runner.Run(values.Paths, stdin);
        using (var written = report.Output)
        {
            written?.Finish(report);
        }

        WriteDiffs(report, values.Output, stdout, stderr);
        if (spool is not null)
        {
            spool.Position = 0;
            spool.CopyTo(stdout);
        }

        stdout.Flush();
        WriteNotes(report, stderr);
        return report.ExitCode(values.FailOnWarn);
    }

    // The report goes to this process's stdout (Program), so the console's state is the output's.
    private static AnsiStyle Style()
    {
        var terminal = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
        return new AnsiStyle(AnsiStyle.ShouldColour(terminal, Environment.GetEnvironmentVariable("NO_COLOR")));
    }

    // --dry-run: the diff before the text report; beside any other format, on stderr, so that stdout stays one document.
    private static void WriteDiffs(CheckReport report, string format, Stream stdout, TextWriter stderr)
    {
        if (report.Fix != FixMode.DryRun)
        {
            return;
        }

        var diffs = string.Concat(report.FixedFiles.Select(f => UnifiedDiff.Of(f.Path, f.Before, f.After)));
        if (format == "text")
        {
            var bytes = Manifests.ManifestLoader.Utf8.GetBytes(diffs);
            stdout.Write(bytes);
        }
        else
        {
            stderr.Write(diffs);
        }
    }

    // What is not in the report itself: directories left unrendered and inputs that could not be read.
    private static void WriteNotes(CheckReport report, TextWriter stderr)
    {
        foreach (var skipped in report.Skipped.Where(s => s.Reason == SkipReason.NotRendered))
        {
            stderr.WriteLine($"acrguard: {skipped.Path}: {skipped.Detail}");
        }

        foreach (var note in report.FixNotes)
        {
            stderr.WriteLine($"acrguard: {note}");
        }

        foreach (var error in report.InputErrors)
        {
            stderr.WriteLine($"acrguard: {error}");
        }
    }
}
