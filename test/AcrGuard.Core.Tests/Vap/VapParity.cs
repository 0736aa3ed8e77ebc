using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.Configuration;
using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using AcrGuard.Manifests;
using AcrGuard.Rules;
using AcrGuard.Vap;
using AcrGuard.Workloads;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>Where a case is admitted: a namespace, labelled audit or not; ImageCaches have none.</summary>
internal sealed record Admission(string Namespace = "shop", bool AuditLabel = false, EnforcementMode? VapMode = null)
{
    public static readonly Admission Enforced = new();

    public static readonly Admission Audited = new(AuditLabel: true);
}

/// <summary>Both verdicts on one case: the webhook's findings and the policies' failed validations.</summary>
internal sealed record ParityResult(Verdict Webhook, IReadOnlyList<VapFailure> Vap)
{
    public bool VapDenies => Vap.Any(f => f.Denies);

    public IEnumerable<string> VapRules => Vap.Select(f => f.Rule).Distinct();
}

/// <summary>
/// The acceptance test of <c>acrguard vap</c>: the same case judged by the webhook (the rules, as
/// deploy/'s webhooks route the request) and by the generated policies (evaluated with CEL as
/// kube-apiserver would), with the same verdict for every rule the policies cover.
/// </summary>
internal static class VapParity
{
    /// <summary>
    /// Judges <paramref name="yaml"/> (an UPDATE from <paramref name="oldYaml"/> when given) both ways
    /// and asserts: the policies deny exactly the covered rules the webhook denies, with one of the
    /// webhook's messages for each (and its path); every warning is one of the webhook's findings;
    /// every new warning of a covered rule is given.
    /// </summary>
    public static ParityResult Check(string yaml, AcrGuardConfig? config = null, string? oldYaml = null, Admission? admission = null) =>
        Check(Documents(yaml).Single(), oldYaml is null ? null : Documents(oldYaml).Single(), config, admission);

    /// <summary>The same, on objects as JSON (a document of a multi-document file, a corpus fixture).</summary>
    public static ParityResult Check(JsonObject obj, JsonObject? old, AcrGuardConfig? config = null, Admission? admission = null)
    {
        config ??= AcrGuardConfig.Default;
        admission ??= new Admission(Namespace: (string?)obj["metadata"]?["namespace"] ?? "shop");
        var webhook = Webhook(obj, old, config, admission);
        var cluster = Text(obj, "kind") == "ImageCache";
        var labels = cluster ? null : new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = admission.Namespace };
        if (labels is not null && admission.AuditLabel)
        {
            labels[ModeLabelPolicy.Label] = ModeLabelPolicy.AuditValue;
        }

        var failures = VapAdmission.Review(VapGenerator.Generate(config, admission.VapMode), new VapRequest(old is null ? "CREATE" : "UPDATE", obj, old, labels));
        var result = new ParityResult(webhook, failures);
        Assert.Multiple(() => Compare(result));
        return result;
    }

    /// <summary>A case the webhook denies for <paramref name="rule"/>: the policies deny it with that rule id.</summary>
    public static ParityResult Denies(string rule, string yaml, AcrGuardConfig? config = null, string? oldYaml = null, Admission? admission = null)
    {
        var result = Check(yaml, config, oldYaml, admission);
        Assert.Multiple(() =>
        {
            Assert.That(result.Webhook.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Rule), Does.Contain(rule), "the webhook denies it");
            Assert.That(result.Vap.Where(f => f.Denies).Select(f => f.Rule), Does.Contain(rule), "so do the policies");
        });
        return result;
    }

    /// <summary>A case the webhook allows: no policy denies it (warnings are the webhook's).</summary>
    public static ParityResult Allows(string yaml, AcrGuardConfig? config = null, string? oldYaml = null, Admission? admission = null)
    {
        var result = Check(yaml, config, oldYaml, admission);
        Assert.Multiple(() =>
        {
            Assert.That(result.Webhook.Allowed, Is.True, "the webhook allows it");
            Assert.That(result.VapDenies, Is.False, "so do the policies");
        });
        return result;
    }

    private static void Compare(ParityResult result)
    {
        var covered = result.Webhook.Findings.Where(f => VapCoverage.Covers(RuleCatalog.Find(f.Rule)!)).ToList();
        var describe = $"webhook: {VerdictAssert.Describe(result.Webhook)}\nvap: {(result.Vap.Count == 0 ? "nothing" : string.Join("; ", result.Vap.Select(f => $"{f.Binding} [{string.Join(",", f.Actions)}] {f.Message}")))}";
        Assert.That(
            result.Vap.Where(f => f.Denies).Select(f => f.Rule).Distinct().Order(),
            Is.EqualTo(covered.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Rule).Distinct().Order()),
            $"the rules that deny\n{describe}");
        foreach (var failure in result.Vap)
        {
            var candidates = covered.Where(f => f.Rule == failure.Rule && (!failure.Denies || f.Severity == FindingSeverity.Error)).Select(Expected).ToList();
            Assert.That(candidates, Does.Contain(failure.Message), $"a message of the webhook's\n{describe}");
            Assert.That(failure.Message, Does.StartWith(failure.Rule + " ").And.Length.LessThan(256), describe);
        }

        var warned = result.Vap.Where(f => !f.Denies).Select(f => f.Rule).ToHashSet();
        foreach (var finding in covered.Where(f => f.Severity == FindingSeverity.Warning && !f.PreExisting && !f.ControllerOwned))
        {
            Assert.That(warned, Does.Contain(finding.Rule), $"a warning of the webhook's\n{describe}");
        }
    }

    /// <summary>What the webhook's denial says of a finding (AdmissionResponses.DenialMessage), cut as a warning is.</summary>
    public static string Expected(Finding finding) => MessageText.Clamp($"{finding.Message} (at {finding.Path})");

    // As deploy/ routes it: the namespaces it excludes never reach AcrGuard, the mode follows the
    // namespace's label (ImageCaches: the configured mode), a controller-owned ImageCache is not
    // sent; `acrguard vap --mode` sets the mode everywhere, as it would be judged with that mode.
    private static Verdict Webhook(JsonObject obj, JsonObject? old, AcrGuardConfig config, Admission admission)
    {
        var cluster = Text(obj, "kind") == "ImageCache";
        if (!cluster && VapNames.ExcludedNamespaces.Contains(admission.Namespace))
        {
            return Verdict.Clean;
        }

        if (cluster && (obj["metadata"]?["ownerReferences"]?.AsArray() ?? []).Any(o => (bool?)o?["controller"] == true))
        {
            return Verdict.Clean;
        }

        var mode = admission.VapMode == EnforcementMode.Audit ? EnforcementMode.Audit
            : cluster ? admission.VapMode ?? config.Mode
            : admission.AuditLabel ? EnforcementMode.Audit : EnforcementMode.Enforce;
        return new Evaluator(config).Evaluate(Read(obj, config), old is null ? null : Read(old, config), mode);
    }

    /// <summary>Every document of a manifest, as JSON objects, read as <c>acrguard check</c> reads files.</summary>
    public static List<JsonObject> Documents(string yaml)
    {
        var documents = new List<JsonObject>();
        foreach (var document in ManifestLoader.Load("case.yaml", yaml))
        {
            documents.Add(JsonNode.Parse(document.Root.GetRawText())!.AsObject());
        }

        return documents;
    }

    private static KubeObject Read(JsonObject obj, AcrGuardConfig config)
    {
        using var document = JsonDocument.Parse(obj.ToJsonString());
        return ObjectReader.Read(document.RootElement, config.Workloads);
    }

    private static string Text(JsonObject obj, string property) => (string?)obj[property] ?? string.Empty;
}
