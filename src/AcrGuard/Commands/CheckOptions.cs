using System.CommandLine;
using AcrGuard.Check.Fixing;
using AcrGuard.Check.Output;
using AcrGuard.Configuration;

namespace AcrGuard.Commands;

/// <summary>The arguments and options of <c>acrguard check</c>, declared once and read into <see cref="Values"/>.</summary>
internal sealed class CheckOptions
{
    private readonly Argument<string[]> paths = new("PATH")
    {
        Description = "Manifest files or directories (*.yaml, *.yml, *.json, recursively); - reads stdin",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string?> config = new("--config") { Description = "Configuration file (YAML)" };

    private readonly Option<string?> mode = new("--mode") { Description = "enforce or audit; overrides the configuration" };

    private readonly Option<string> output = new("--output", "-o")
    {
        Description = "text, json, sarif, junit or github (GitHub Actions annotations)",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<bool> failOnWarn = new("--fail-on-warn") { Description = "Exit 1 on warnings too" };

    private readonly Option<string[]> exclude = new("--exclude")
    {
        Description = "Leave out paths matching this glob (relative to each directory given; repeatable)",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<bool> fix = new("--fix") { Description = "Repair in place what has one right repair (an annotation moved into the pod template, a misspelt or legacy key renamed), then report what remains" };

    private readonly Option<bool> dryRun = new("--dry-run") { Description = "With --fix: write nothing, print the repairs as a unified diff" };

    /// <summary>What one invocation asked for.</summary>
    public sealed record Values(string[] Paths, string? Config, string? Mode, string Output, bool FailOnWarn, string[] Exclude, FixMode Fix);

    public void AddTo(Command command)
    {
        mode.AcceptOnlyFromAmong(EnforcementModeNames.Enforce, EnforcementModeNames.Audit);
        output.AcceptOnlyFromAmong(ReportFormats.Names);
        command.Arguments.Add(paths);
        foreach (var option in new Option[] { config, mode, output, failOnWarn, exclude, fix, dryRun })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(dryRun) && !result.GetValue(fix))
            {
                result.AddError("--dry-run goes with --fix: check alone never writes");
            }
        });
    }

    public Values Read(ParseResult result) => new(
        result.GetValue(paths) ?? [],
        result.GetValue(config),
        result.GetValue(mode),
        result.GetValue(output) ?? "text",
        result.GetValue(failOnWarn),
        result.GetValue(exclude) ?? [],
        !result.GetValue(fix) ? FixMode.Off : result.GetValue(dryRun) ? FixMode.DryRun : FixMode.Write);
}
