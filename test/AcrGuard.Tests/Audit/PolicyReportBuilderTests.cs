using System.Text.Json.Nodes;
using AcrGuard.Audit;
using AcrGuard.Audit.PolicyReports;
using AcrGuard.Findings;
using AcrGuard.Workloads;

namespace AcrGuard.Tests.Audit;

/// <summary>The report bodies written to the cluster, whole: one result per finding, the summary, the metadata.</summary>
public sealed class PolicyReportBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 15, 0, TimeSpan.Zero);

    [Test]
    public void A_namespace_report_has_one_result_per_finding_with_the_objects_reference_and_the_counts()
    {
        var web = new ReportedObject(new ObjectIdentity("apps/v1", "Deployment", "shop", "web"), "dep-1", new Verdict(
        [
            new Finding("AG001", FindingSeverity.Error, "metadata.annotations['k8s.aliyun.com/acr-service-arns']",
                "AG001 k8s.aliyun.com/acr-service-arns is on the Deployment's metadata, where ECI never reads it: move it to spec.template.metadata.annotations"),
            new Finding("AG013", FindingSeverity.Warning, "spec.template.metadata.annotations['k8s.aliyun.com/acr-instance-id']",
                "AG013 k8s.aliyun.com/acr-instance-id is the legacy singular key that ECI may ignore: rename it to k8s.aliyun.com/acr-instance-ids"),
        ]));

        var report = PolicyReportBuilder.Build("shop", [web], Now);

        Assert.That(report.ToJsonString(), Is.EqualTo(JsonNode.Parse("""
            {"apiVersion":"wgpolicyk8s.io/v1alpha2","kind":"PolicyReport",
             "metadata":{"name":"acrguard","labels":{"app.kubernetes.io/managed-by":"acrguard"},"namespace":"shop"},
             "summary":{"pass":0,"fail":1,"warn":1,"error":0,"skip":0},
             "results":[
              {"source":"acrguard","policy":"AG001","rule":"AG001","result":"fail",
               "message":"AG001 k8s.aliyun.com/acr-service-arns is on the Deployment's metadata, where ECI never reads it: move it to spec.template.metadata.annotations",
               "severity":"high","scored":true,
               "resources":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","namespace":"shop","uid":"dep-1"}],
               "properties":{"path":"metadata.annotations['k8s.aliyun.com/acr-service-arns']"},
               "timestamp":{"seconds":1795940100,"nanos":0}},
              {"source":"acrguard","policy":"AG013","rule":"AG013","result":"warn",
               "message":"AG013 k8s.aliyun.com/acr-instance-id is the legacy singular key that ECI may ignore: rename it to k8s.aliyun.com/acr-instance-ids",
               "severity":"medium","scored":true,
               "resources":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","namespace":"shop","uid":"dep-1"}],
               "properties":{"path":"spec.template.metadata.annotations['k8s.aliyun.com/acr-instance-id']"},
               "timestamp":{"seconds":1795940100,"nanos":0}}]}
            """)!.ToJsonString()));
    }

    [Test]
    public void The_cluster_report_names_cluster_scoped_objects_without_a_namespace()
    {
        var cache = new ReportedObject(new ObjectIdentity("eci.alibabacloud.com/v1", "ImageCache", string.Empty, "imagecache-sample"), "ic-1", new Verdict(
        [
            new Finding("AG012", FindingSeverity.Error, "spec.imagePullSecrets[0]",
                "AG012 imagePullSecrets item 'regcred' is not namespace:name: write it as e.g. default:my-secret"),
        ]));

        var report = PolicyReportBuilder.Build(null, [cache], Now);

        Assert.Multiple(() =>
        {
            Assert.That(report["kind"]!.GetValue<string>(), Is.EqualTo("ClusterPolicyReport"));
            Assert.That(report["metadata"]!.ToJsonString(), Is.EqualTo("""{"name":"acrguard","labels":{"app.kubernetes.io/managed-by":"acrguard"}}"""));
            Assert.That(report["results"]![0]!["resources"]!.ToJsonString(), Is.EqualTo("""[{"apiVersion":"eci.alibabacloud.com/v1","kind":"ImageCache","name":"imagecache-sample","uid":"ic-1"}]"""));
        });
    }
}
