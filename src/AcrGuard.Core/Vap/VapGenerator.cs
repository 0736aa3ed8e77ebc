using System.Text.Json.Nodes;
using AcrGuard.Configuration;
using AcrGuard.Rules;

namespace AcrGuard.Vap;

/// <summary>
/// The rules as ValidatingAdmissionPolicies, with the configuration baked in: one policy per
/// severity (the error rules; the warning rules, which only warn) and one binding per mode, whose
/// namespace selectors are deploy/'s webhooks'. Pure: configuration in, objects out.
/// </summary>
public static class VapGenerator
{
    public const string ApiVersion = "admissionregistration.k8s.io/v1";

    /// <param name="config">The configuration: custom domains, severities, workloads and the mode of ImageCaches.</param>
    /// <param name="mode"><c>--mode</c>: audit warns everywhere; enforce enforces ImageCaches too. Namespaces labelled audit are audited either way.</param>
    public static VapPolicySet Generate(AcrGuardConfig config, EnforcementMode? mode = null)
    {
        var kinds = VapKinds.For(config);
        var definitions = new VapVariables(kinds, config);
        var switches = new RuleSwitch(config);
        var errors = new List<(VapRule Rule, VapCheck Check)>();
        var warnings = new List<(VapRule Rule, VapCheck Check)>();
        foreach (var rule in VapRules.All)
        {
            if (switches.SeverityOf(rule.Rule) is not { } severity || !rule.AppliesTo(definitions))
            {
                continue;
            }

            foreach (var check in rule.Checks)
            {
                (check.AtMostWarning || severity == RuleSeverity.Warning ? warnings : errors).Add((rule, check));
            }
        }

        var policies = new List<JsonObject>();
        var bindings = new List<JsonObject>();
        if (errors.Count > 0)
        {
            policies.Add(VapPolicy.Build(VapNames.Errors, "Fail", kinds, Validations(new VapScope(definitions), errors, ratchet: true)));
            bindings.AddRange(ErrorBindings(mode, mode ?? config.Mode));
        }

        if (warnings.Count > 0)
        {
            // A warning that cannot be worked out must not block anything.
            policies.Add(VapPolicy.Build(VapNames.Warnings, "Ignore", kinds, Validations(new VapScope(definitions), warnings, ratchet: false)));
            bindings.Add(VapBinding.Build(VapNames.Warnings, VapNames.Warnings, ["Warn"], audit: null, imageCaches: true));
        }

        var left = RuleCatalog.All.Where(r => switches.SeverityOf(r) is not null && !VapCoverage.Covers(r)).ToList();
        return new VapPolicySet([.. policies, .. bindings], left);
    }

    // The error policy's bindings. ImageCaches are cluster-scoped, so no namespace selector can
    // leave them out: exactly one binding takes them, the one of the configured mode (as deploy/'s
    // imagecaches webhook calls /validate, the ConfigMap's mode).
    private static IEnumerable<JsonObject> ErrorBindings(EnforcementMode? mode, EnforcementMode imageCaches)
    {
        if (mode == EnforcementMode.Audit)
        {
            yield return VapBinding.Build(VapNames.Errors, VapNames.Errors, ["Warn", "Audit"], audit: null, imageCaches: true);
            yield break;
        }

        yield return VapBinding.Build(VapNames.Errors, VapNames.Errors, ["Deny"], audit: false, imageCaches: imageCaches == EnforcementMode.Enforce);
        yield return VapBinding.Build(VapNames.Audit, VapNames.Errors, ["Warn", "Audit"], audit: true, imageCaches: imageCaches == EnforcementMode.Audit);
    }

    private static VapScope Validations(VapScope scope, List<(VapRule Rule, VapCheck Check)> checks, bool ratchet)
    {
        foreach (var (rule, check) in checks)
        {
            var findings = check.Findings(scope, Subject.Object);
            if (ratchet && rule.Ratchets)
            {
                var before = Before(scope, rule);
                findings = $"({findings})\n.filter(f, !(f[0] in {before}))";
            }

            var messages = scope.Define(check.Name, () => $"({findings})\n.map(f, f[1] + ' (at ' + f[0] + ')')\n.map(m, {CelText.Clamp("m")})");
            scope.Validations.Add(($"size({messages}) == 0", $"{messages}[0]"));
        }

        return scope;
    }

    // The paths of the rule's findings on the old object: on UPDATE the webhook only warns about
    // those (rules.md, "Updates (ratcheting)"); by rule, whichever check found them.
    private static string Before(VapScope scope, VapRule rule) =>
        scope.Define($"{rule.Rule.Id.ToLowerInvariant()}Before", () =>
        {
            var reviewed = scope.Definitions.Kinds.Any(k => k.IsConfigured) ? $" && {scope.Var("reviewed", Subject.Old)}" : string.Empty;
            var old = string.Join("\n+ ", rule.Checks.Select(c => $"({c.Findings(scope, Subject.Old)})"));
            return $"request.operation == 'UPDATE' && oldObject != null{reviewed}\n? ({old}).map(f, f[0])\n: []";
        });
}
