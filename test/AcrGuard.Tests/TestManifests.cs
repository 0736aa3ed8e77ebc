namespace AcrGuard.Tests;

/// <summary>Manifests several test classes feed to <c>check</c>.</summary>
internal static class TestManifests
{
    /// <summary>AG001: the service-role ARN on the Deployment's own metadata, where ECI never reads it.</summary>
    public const string MisplacedDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
          annotations:
            k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/acr-test"
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0
        """;
}
