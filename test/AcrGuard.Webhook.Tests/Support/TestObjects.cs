using AcrGuard.Testing;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>Objects the tests need beyond the shipped examples, as JSON.</summary>
internal static class TestObjects
{
    public const string ServiceArn = "acs:ram::1609982529123456:role/role-assume";

    public static string Pod(string? annotations = null, string? ownerReferences = null) => AdmissionReviewBodies.Json($$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-7d9f
          namespace: default
          labels:
            alibabacloud.com/eci: "true"
        {{annotations ?? string.Empty}}
        {{ownerReferences ?? string.Empty}}
        spec:
          containers:
          - name: web
            image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0
        """);

    public static string ConfigMap() => AdmissionReviewBodies.Json("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: default
          annotations:
            k8s.aliyun.com/acr-service-arns: "not an arn"
        data:
          key: value
        """);
}
