using System.Text.Json.Nodes;
using AcrGuard.Findings;

namespace AcrGuard.Audit.PolicyReports;

/// <summary>
/// A PolicyReport (or ClusterPolicyReport) from an audit's findings: one result per finding,
/// in the wgpolicyk8s.io/v1alpha2 shape (https://github.com/kubernetes-sigs/wg-policy-prototypes,
/// policy-report/crd/v1alpha2). Pure: objects in, report body out.
/// </summary>
public static class PolicyReportBuilder
{
    /// <param name="ns">The namespace, or null for the ClusterPolicyReport.</param>
    /// <param name="objects">The objects with findings in that namespace (or cluster-scoped).</param>
    /// <param name="now">Each result's timestamp.</param>
    public static JsonObject Build(string? ns, IEnumerable<ReportedObject> objects, DateTimeOffset now)
    {
        var results = new JsonArray();
        int fail = 0, warn = 0;
        foreach (var o in objects)
        {
            foreach (var finding in o.Verdict.Findings)
            {
                var error = finding.Severity == FindingSeverity.Error;
                fail += error ? 1 : 0;
                warn += error ? 0 : 1;

                // As a JsonNode: the generic Add<T> would wrap it by reflection, which the native build lacks.
                results.Add((JsonNode)Result(o, finding, now));
            }
        }

        var kind = ns is null ? PolicyReportKinds.ClusterPolicyReports : PolicyReportKinds.PolicyReports;
        return new JsonObject
        {
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = kind.Kind,
            ["metadata"] = Metadata(ns),
            ["summary"] = new JsonObject { ["pass"] = 0, ["fail"] = fail, ["warn"] = warn, ["error"] = 0, ["skip"] = 0 },
            ["results"] = results,
        };
    }

    private static JsonObject Result(ReportedObject o, Finding finding, DateTimeOffset now)
    {
        var error = finding.Severity == FindingSeverity.Error;
        return new JsonObject
        {
            ["source"] = PolicyReportKinds.Name,
            ["policy"] = finding.Rule,
            ["rule"] = finding.Rule,
            ["result"] = error ? "fail" : "warn",
            ["message"] = finding.Message,

            // v1alpha2's severities are critical, high, medium, low, info: a denial is high.
            ["severity"] = error ? "high" : "medium",
            ["scored"] = true,
            ["resources"] = new JsonArray(Resource(o)),
            ["properties"] = new JsonObject { ["path"] = finding.Path },
            ["timestamp"] = new JsonObject { ["seconds"] = now.ToUnixTimeSeconds(), ["nanos"] = 0 },
        };
    }

    // The object's reference, with its uid; a cluster-scoped object has no namespace.
    private static JsonObject Resource(ReportedObject o)
    {
        var resource = new JsonObject
        {
            ["apiVersion"] = o.Identity.ApiVersion,
            ["kind"] = o.Identity.Kind,
            ["name"] = o.Identity.Name,
        };
        if (o.Identity.Namespace.Length > 0)
        {
            resource["namespace"] = o.Identity.Namespace;
        }

        resource["uid"] = o.Uid;
        return resource;
    }

    private static JsonObject Metadata(string? ns)
    {
        var metadata = new JsonObject
        {
            ["name"] = PolicyReportKinds.Name,
            ["labels"] = new JsonObject { [PolicyReportKinds.ManagedByLabel] = PolicyReportKinds.Name },
        };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return metadata;
    }
}
