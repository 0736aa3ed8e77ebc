namespace AcrGuard.Tests.Audit;

/// <summary>Objects as controllers make them, with the owner references kube-controller-manager sets.</summary>
internal static class Workloads
{
    public const string Image = "test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0";

    /// <summary>AG001 on the Deployment's own metadata: denied when enforced.</summary>
    public static string MisplacedDeployment(string name, string uid) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          uid: {{uid}}
          annotations:
            k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/acr-test"
        spec:
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              labels:
                app: {{name}}
            spec:
              containers:
              - name: web
                image: {{Image}}
        """;

    /// <summary>The same Deployment with the annotation on its pod template: no finding.</summary>
    public static string FixedDeployment(string name, string uid) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          uid: {{uid}}
        spec:
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              labels:
                app: {{name}}
              annotations:
                k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/acr-test"
            spec:
              containers:
              - name: web
                image: {{Image}}
        """;

    /// <summary>A ReplicaSet a Deployment made: its template copied, the Deployment as controller.</summary>
    public static string ReplicaSet(string name, string uid, string ownerKind, string owner, string ownerUid) => $$"""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: {{name}}
          uid: {{uid}}
          ownerReferences:
          - {apiVersion: apps/v1, kind: {{ownerKind}}, name: {{owner}}, uid: {{ownerUid}}, controller: true, blockOwnerDeletion: true}
        spec:
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: {{Image}}
        """;

    /// <summary>A Pod with a misspelt pull key (AG007), optionally with a controller.</summary>
    public static string Pod(string name, string uid, string? ownerKind = null, string? owner = null, string? ownerUid = null, string labels = "{app: web}") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          uid: {{uid}}
          labels: {{labels}}
          annotations:
            k8s.aliyun.com/acr-instances-ids: cri-j36zhodptmyq1234
        {{(owner is null ? string.Empty : $"  ownerReferences:\n  - {{apiVersion: apps/v1, kind: {ownerKind}, name: {owner}, uid: {ownerUid}, controller: true}}")}}
        spec:
          containers:
          - name: web
            image: {{Image}}
        """;

    /// <summary>A Pod with nothing to say about.</summary>
    public static string CleanPod(string name) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          labels: {app: web}
        spec:
          containers:
          - name: web
            image: {{Image}}
        """;
}
