namespace AcrGuard.Testing;

/// <summary>
/// A nightly CronJob with an annotation on its Job template's metadata, its pod template's, or
/// both: where issue 17's AG001 looks. One fixture for the rule's tests and for check's and the
/// webhook's wording of the same finding.
/// </summary>
public static class CronJobs
{
    private const string Nightly = """
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: nightly
          namespace: shop
        spec:
          schedule: "0 2 * * *"
          concurrencyPolicy: Forbid
          jobTemplate:
            metadata:
              labels:
                app.kubernetes.io/name: report
        {{JOB}}
            spec:
              backoffLimit: 2
              template:
                metadata:
                  labels:
                    alibabacloud.com/eci: "true"
        {{POD}}
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - name: report
                    image: test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/report:1.0
        """;

    /// <summary>The CronJob <c>shop/nightly</c>; <paramref name="job"/> is on line 14 when given.</summary>
    public static string WithAnnotations((string Key, string Value)? job = null, (string Key, string Value)? pod = null) =>
        Nightly
            .Replace("{{JOB}}", job is { } j ? $"      annotations:\n        {j.Key}: \"{j.Value}\"" : string.Empty, StringComparison.Ordinal)
            .Replace("{{POD}}", pod is { } p ? $"          annotations:\n            {p.Key}: \"{p.Value}\"" : string.Empty, StringComparison.Ordinal);
}
