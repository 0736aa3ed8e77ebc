using System.CommandLine;
using AcrGuard.Audit;
using AcrGuard.Check.Output;
using AcrGuard.Configuration;

namespace AcrGuard.Commands;

/// <summary><c>acrguard audit</c>'s options, in the order <c>--help</c> lists them, and what they parse to.</summary>
internal sealed class AuditFlags
{
    public AuditFlags()
    {
        PageSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--page-size must be at least 1");
            }
        });
        Mode.AcceptOnlyFromAmong(EnforcementModeNames.Enforce, EnforcementModeNames.Audit);
        Output.AcceptOnlyFromAmong(ReportFormats.Names);
    }

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "kubeconfig file; default $KUBECONFIG, then ~/.kube/config, then the pod's service account" };

    public Option<string?> Context { get; } = new("--context") { Description = "kubeconfig context; default its current-context" };

    public Option<string[]> Namespaces { get; } = new("--namespace", "-n") { Description = "Audit only this namespace (repeatable); default every namespace and the cluster-scoped kinds", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    public Option<string?> Selector { get; } = new("--selector", "-l") { Description = "Label selector, e.g. app=web,tier!=cache" };

    public Option<int> PageSize { get; } = new("--page-size") { Description = "Objects per list request (limit)", DefaultValueFactory = _ => AuditOptions.DefaultPageSize };

    public Option<string?> Config { get; } = new("--config") { Description = "Configuration file (YAML)" };

    public Option<string?> Mode { get; } = new("--mode") { Description = "enforce or audit everywhere, instead of each namespace's acrguard.io/mode label" };

    public Option<bool> IncludeOwned { get; } = new("--include-owned") { Description = "Also report objects whose controller is audited (a Deployment's ReplicaSets and Pods)" };

    public Option<string> Output { get; } = new("--output", "-o") { Description = "text, json, sarif or junit", DefaultValueFactory = _ => "text" };

    public Option<bool> FailOnWarn { get; } = new("--fail-on-warn") { Description = "Exit 1 on warnings too" };

    public Option<bool> PolicyReport { get; } = new("--policy-report") { Description = "Also write the findings as wgpolicyk8s.io/v1alpha2 PolicyReports named acrguard" };

    public IEnumerable<Option> All =>
        [Kubeconfig, Context, Namespaces, Selector, PageSize, Config, Mode, IncludeOwned, Output, FailOnWarn, PolicyReport];

    /// <summary>What to audit and how, as the runner takes it.</summary>
    public AuditOptions Options(ParseResult result) => new()
    {
        Namespaces = result.GetValue(Namespaces) ?? [],
        LabelSelector = result.GetValue(Selector),
        PageSize = result.GetValue(PageSize),
        Mode = EnforcementModeNames.Parse(result.GetValue(Mode)),
        IncludeOwned = result.GetValue(IncludeOwned),
        KeepFindings = result.GetValue(PolicyReport),
    };
}
