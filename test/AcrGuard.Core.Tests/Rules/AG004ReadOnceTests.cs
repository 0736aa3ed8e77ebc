using AcrGuard.Core.Tests.Support;
using AcrGuard.Findings;
using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Rules;

public class AG004ReadOnceTests
{
    private const string ServiceKey = "k8s.aliyun.com/acr-service-arns";

    [Test]
    public void Annotation_added_to_a_running_pod_is_denied_with_AG004()
    {
        var verdict = Objects.Evaluate(Pod(Ann((ServiceKey, ServiceArn))), oldYaml: Pod());

        var finding = VerdictAssert.Single(verdict, "AG004", FindingSeverity.Error, $"metadata.annotations['{ServiceKey}']");
        Assert.That(finding.Message, Is.EqualTo(
            $"AG004 {ServiceKey} was added to an existing Pod; ECI reads it only at creation, so this does nothing: recreate the Pod instead"));
    }

    [Test]
    public void Annotation_changed_on_a_pod_is_denied()
    {
        var verdict = Objects.Evaluate(Pod(Ann((ServiceKey, "acs:ram::1609982529123456:role/other"))), oldYaml: Pod(Ann((ServiceKey, ServiceArn))));

        var finding = VerdictAssert.Single(verdict, "AG004", FindingSeverity.Error, $"metadata.annotations['{ServiceKey}']");
        Assert.That(finding.Message, Does.Contain("was changed on an existing Pod"));
    }

    [Test]
    public void Annotation_removed_from_an_image_cache_is_denied()
    {
        var verdict = Objects.Evaluate(ImageCache(), oldYaml: ImageCache(Ann(("k8s.aliyun.com/acr-instance-ids", InstanceId))));

        var finding = VerdictAssert.Single(verdict, "AG004", FindingSeverity.Error, "metadata.annotations['k8s.aliyun.com/acr-instance-ids']");
        Assert.That(finding.Message, Does.Contain("removed from an existing ImageCache"));
    }

    [Test]
    public void Pod_update_that_leaves_the_annotations_alone_does_not_fire()
    {
        var annotations = Ann((ServiceKey, ServiceArn));

        VerdictAssert.Clean(Objects.Evaluate(Pod(annotations, extraMetadata: "  finalizers: [\"example.com/keep\"]"), oldYaml: Pod(annotations)));
    }

    [Test]
    public void Template_change_on_a_workload_is_not_AG004_because_it_rolls_out_new_pods()
    {
        var verdict = Objects.Evaluate(Deployment(template: Ann((ServiceKey, ServiceArn))), oldYaml: Deployment());

        VerdictAssert.Clean(verdict);
    }

    [Test]
    public void Create_without_an_old_object_never_fires_AG004()
    {
        VerdictAssert.None(Objects.Evaluate(Pod(Ann((ServiceKey, ServiceArn)))), "AG004");
    }

    [Test]
    public void Unrelated_annotation_added_to_a_pod_does_not_fire()
    {
        VerdictAssert.Clean(Objects.Evaluate(Pod(Ann(("prometheus.io/scrape", "true"))), oldYaml: Pod()));
    }
}
