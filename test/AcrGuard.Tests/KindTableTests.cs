using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.Audit;
using AcrGuard.Check;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Testing;
using AcrGuard.Webhook.Admission;
using AcrGuard.Workloads;

namespace AcrGuard.Tests;

/// <summary>
/// The kind table (<see cref="ObjectKind"/>) is the one list of kinds: each row, built in or
/// configured, is judged by check, serve and audit alike, listed by the audit as its row says, and
/// refused by the configuration's <c>workloads</c> list. An object is made from the row alone
/// (its apiVersion, kind and template path), so a row added to the table is tested here as it is.
/// </summary>
public class KindTableTests
{
    private const string UserArn = "acs:ram::1298452580123456:role/role-acr";
    private const string Image = "test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0";

    private static readonly WorkloadKind CloneSet = new("apps.kruise.io", "v1alpha1", "CloneSet", "spec.template");

    private static readonly AcrGuardConfig Config = ConfigReader.Parse("workloads:\n  - {apiVersion: apps.kruise.io/v1alpha1, kind: CloneSet}\n");

    public static IEnumerable<TestCaseData> Rows() =>
        ObjectKind.BuiltIn.Append(Config.Workloads.Single().Row).Select(k => new TestCaseData(k).SetArgDisplayNames(k.Name));

    [TestCaseSource(nameof(Rows))]
    public void Check_serve_and_audit_judge_an_object_of_each_row_alike(ObjectKind row)
    {
        var json = ObjectOf(row);
        var evaluator = new Evaluator(Config);

        var check = new CheckReport(EnforcementMode.Enforce);
        new CheckRunner(evaluator, EnforcementMode.Enforce).CheckText(check, "kinds.json", json);
        var served = AdmissionReviewer.Review(Encoding.UTF8.GetBytes(AdmissionReviewBodies.Envelope("CREATE", "u-1", json, null, dryRun: false)), evaluator, EnforcementMode.Enforce);
        var audited = Audit(row, json, evaluator);

        var expected = Findings(check.Objects.Single().Verdict);
        Assert.Multiple(() =>
        {
            Assert.That(check.Objects.Single().InScope, Is.True, "check reads the row's kind");
            Assert.That(expected, Has.Some.StartsWith("AG002 "), "the pod's own annotations were found where the row says");
            Assert.That(served.Request?.NewObject?.Bound?.Reviewed?.Kind, Is.SameAs(row), "serve binds the row's kind");
            Assert.That(Findings(served.Verdict!), Is.EqualTo(expected));
            Assert.That(Findings(audited.Objects.Single().Verdict), Is.EqualTo(expected));
        });
        if (row.Binding == KindBinding.Template)
        {
            Assert.That(expected, Has.Some.StartsWith("AG001 metadata.annotations"), "the workload's own metadata is read");
        }
    }

    [Test]
    public void The_audit_lists_every_built_in_row_with_its_resource_and_scope_owners_first()
    {
        var listed = AuditedKinds.BuiltIn.Select(k => (k.Group, k.Version, k.Plural, k.Kind, k.Namespaced, k.CanOwn));

        Assert.That(listed, Is.EqualTo(ObjectKind.BuiltIn.Select(k => (k.Group, k.Version, k.Resource, k.Name, k.Namespaced, k.OwnsObjects))));
        Assert.That(AuditedKinds.BuiltIn.TakeWhile(k => k.CanOwn).Count(), Is.EqualTo(AuditedKinds.BuiltIn.Count(k => k.CanOwn)), "owners before what they own");
    }

    [TestCaseSource(nameof(Rows))]
    public void The_workloads_list_refuses_a_built_in_row_and_takes_a_configured_one(ObjectKind row)
    {
        var config = $"workloads:\n  - {{apiVersion: {row.ApiVersion}, kind: {row.Name}}}\n";

        if (row.IsConfigured)
        {
            Assert.That(ConfigReader.Parse(config).Workloads.Single().Row.Name, Is.EqualTo(row.Name));
        }
        else
        {
            Assert.That(() => ConfigReader.Parse(config), Throws.TypeOf<ConfigException>().With.Message.Contains("is built in"));
        }
    }

    private static CheckReport Audit(ObjectKind row, string json, Evaluator evaluator)
    {
        var kind = row.IsConfigured
            ? new AuditedKind(row.Group, row.Version, "clonesets", row.Name, Namespaced: true, row.OwnsObjects)
            : AuditedKinds.BuiltIn.Single(k => k.Kind == row.Name);
        var result = new AuditResult(new CheckReport(EnforcementMode.Enforce));
        using var item = JsonDocument.Parse(json);
        new AuditJudge(evaluator, NamespaceModes.Everywhere(EnforcementMode.Enforce), includeOwned: false, result).Judge(kind, item.RootElement, ListedItem.Read(item.RootElement));
        return result.Report;
    }

    // An object of the row's kind with acr-user-arns alone (AG002) where ECI reads it, and for a
    // workload on its own metadata too (AG001).
    private static string ObjectOf(ObjectKind row)
    {
        var pull = new JsonObject { ["annotations"] = new JsonObject { ["k8s.aliyun.com/acr-user-arns"] = UserArn } };
        var metadata = new JsonObject { ["name"] = "sample", ["namespace"] = row.Namespaced ? "shop" : null };
        var obj = new JsonObject { ["apiVersion"] = row.ApiVersion, ["kind"] = row.Name, ["metadata"] = metadata };
        switch (row.Binding)
        {
            case KindBinding.Pod:
                metadata["annotations"] = pull["annotations"]!.DeepClone();
                obj["spec"] = PodSpec();
                break;
            case KindBinding.ImageCache:
                metadata["annotations"] = pull["annotations"]!.DeepClone();
                obj["spec"] = new JsonObject { ["images"] = new JsonArray(Image) };
                break;
            default:
                metadata["annotations"] = pull["annotations"]!.DeepClone();
                var at = obj;
                foreach (var field in row.TemplateFields)
                {
                    at = (JsonObject)(at[field] ??= new JsonObject());
                }

                at["metadata"] = pull;
                at["spec"] = PodSpec();
                break;
        }

        return obj.ToJsonString();
    }

    private static JsonObject PodSpec() => new() { ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = Image }) };

    private static string[] Findings(Verdict verdict) => [.. verdict.Findings.Select(f => $"{f.Rule} {f.Path} {f.Message}")];
}
