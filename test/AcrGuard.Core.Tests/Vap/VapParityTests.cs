using static AcrGuard.Core.Tests.Support.Fixtures;

namespace AcrGuard.Core.Tests.Vap;

public class VapParityTests
{
    private const string ServiceKey = "k8s.aliyun.com/acr-service-arns";

    [Test]
    public void Service_arns_on_a_deployments_metadata_are_denied_with_AG001()
    {
        var result = VapParity.Check(Deployment(own: Ann((ServiceKey, ServiceArn))));

        Assert.That(result.VapDenies, Is.True);
    }
}
