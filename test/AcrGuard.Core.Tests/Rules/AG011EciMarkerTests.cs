using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG011EciMarkerTests
{
    private static readonly Dictionary<string, string> Role = Ann(("k8s.aliyun.com/acr-service-arns", ServiceArn));

    [Test]
    public void Is_off_by_default()
    {
        VerdictAssert.Clean(Objects.Evaluate(Pod(Role, labels: null)));
    }

    [Test]
    public void Switched_on_it_fires_on_a_pod_with_no_eci_marker()
    {
        var verdict = Objects.Evaluate(Pod(Role, labels: null), Configs.WithRule("AG011", "warning"));

        var finding = VerdictAssert.Single(verdict, "AG011", FindingSeverity.Warning, "metadata.annotations['k8s.aliyun.com/acr-service-arns']");
        Assert.That(finding.Message, Does.StartWith("AG011 ACR pull annotations on a pod with no ECI marker"));
    }

    [Test]
    public void Switched_on_as_error_it_denies()
    {
        var verdict = Objects.Evaluate(Pod(Role, labels: null), Configs.WithRule("AG011", "error"));

        VerdictAssert.Single(verdict, "AG011", FindingSeverity.Error, "metadata.annotations['k8s.aliyun.com/acr-service-arns']");
    }

    [TestCase("        alibabacloud.com/eci: \"true\"", null, null)]
    [TestCase("        eci: \"true\"", null, null)]
    [TestCase(null, null, "  nodeSelector:\n    type: virtual-kubelet")]
    [TestCase(null, null, "  nodeSelector:\n    k8s.aliyun.com/vnode: \"true\"")]
    [TestCase(null, null, "  tolerations:\n  - key: virtual-kubelet.io/provider\n    operator: Exists")]
    [TestCase(null, null, "  tolerations:\n  - key: k8s.aliyun.com/vnode\n    operator: Exists")]
    [TestCase(null, null, "  nodeName: virtual-kubelet-cn-hangzhou-k")]
    [TestCase(null, "  annotations:\n    alibabacloud.com/burst-resource: eci", null)]
    public void Any_eci_marker_keeps_it_quiet(string? labels, string? metadata, string? spec)
    {
        var annotations = metadata is null ? Role : null;
        var extraMetadata = metadata is null ? null : metadata + "\n    k8s.aliyun.com/acr-service-arns: \"" + ServiceArn + "\"";

        var verdict = Objects.Evaluate(Pod(annotations, labels: labels, extraMetadata: extraMetadata, extraSpec: spec), Configs.WithRule("AG011", "error"));

        VerdictAssert.Clean(verdict);
    }

    [Test]
    public void Does_not_apply_to_image_caches()
    {
        VerdictAssert.None(Objects.Evaluate(ImageCache(Ann(("k8s.aliyun.com/acr-instance-ids", InstanceId))), Configs.WithRule("AG011", "error")), "AG011");
    }
}
