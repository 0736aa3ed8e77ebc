using System.Text;
using System.Text.Json.Nodes;

namespace AcrGuard.FakeKubeApi;

/// <summary>
/// Fills the server with a cluster of the given size: Pods and Deployments shaped as kube-apiserver
/// returns them (status, managedFields, ownerReferences, ECI and ACR annotations; about 4 KiB a Pod),
/// one Deployment in a hundred with a misplaced pull annotation (AG001) so findings are part of the work.
/// </summary>
public static class ClusterGenerator
{
    public static void Fill(FakeApiServer server, GeneratorOptions options)
    {
        for (var n = 0; n < options.Namespaces; n++)
        {
            server.Add(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject
                {
                    ["name"] = Namespace(n),
                    ["labels"] = n % 2 == 0 ? new JsonObject { ["acrguard.io/mode"] = "audit" } : new JsonObject(),
                },
            });
        }

        var labels = new Dictionary<string, string> { ["app"] = "web" };
        for (var i = 0; i < options.Deployments; i++)
        {
            var ns = Namespace(i % options.Namespaces);
            var name = $"web-{i:D6}";
            server.AddRaw(ApiResource.Deployments, ns, name, labels, Encoding.UTF8.GetBytes(Deployment(ns, name, i)));
        }

        for (var i = 0; i < options.Pods; i++)
        {
            var ns = Namespace(i % options.Namespaces);
            var name = $"web-{i / 10:D6}-7c9f8d6b5-{i % 10:D5}";
            server.AddRaw(ApiResource.Pods, ns, name, labels, Encoding.UTF8.GetBytes(Pod(ns, name, i)));
        }
    }

    private static string Namespace(int n) => $"team-{n:D3}";

    private static string Uid(string kind, int i) => $"{kind[0]}{i:D7}-0000-4000-8000-000000000000"[..36];

    // One object in a hundred, in an enforced namespace: a service-role ARN on a Deployment's own
    // metadata is AG001, denied; on a Pod's metadata it is where ECI reads it (no finding).
    private static string Annotations(int i) => i % 100 == 1
        ? "\"k8s.aliyun.com/acr-service-arns\":\"acs:ram::1609982529123456:role/acr-test\","
        : string.Empty;

    private const string DeploymentTemplate = """
        {"metadata":{"name":"@0@","namespace":"@1@","uid":"@2@","resourceVersion":"@3@","generation":3,"creationTimestamp":"2026-01-01T00:00:00Z","labels":{"app":"web"},"annotations":{@4@"deployment.kubernetes.io/revision":"3"},"managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"apps/v1","time":"2026-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{},"f:template":{"f:metadata":{"f:annotations":{".":{},"f:k8s.aliyun.com/acr-instance-ids":{}}}}}}}]},
         "spec":{"replicas":10,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"},"annotations":{"k8s.aliyun.com/acr-instance-ids":"cri-j36zhodptmyq1234","k8s.aliyun.com/eci-use-specs":"2-4Gi"}},
         "spec":{"containers":[{"name":"web","image":"example-registry-vpc.cn-hangzhou.cr.aliyuncs.com/team/web:1.4.2","ports":[{"containerPort":8080,"protocol":"TCP"}],"resources":{"requests":{"cpu":"500m","memory":"512Mi"}},"imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","nodeSelector":{"type":"virtual-kubelet"},"tolerations":[{"key":"virtual-kubelet.io/provider","operator":"Exists"}],"schedulerName":"default-scheduler"}}},
         "status":{"observedGeneration":3,"replicas":10,"updatedReplicas":10,"readyReplicas":10,"availableReplicas":10,"conditions":[{"type":"Available","status":"True","lastUpdateTime":"2026-01-01T00:00:00Z","lastTransitionTime":"2026-01-01T00:00:00Z","reason":"MinimumReplicasAvailable","message":"Deployment has minimum availability."}]}}
        """;

    private static string Deployment(string ns, string name, int i) => Format(DeploymentTemplate, name, ns, Uid("Deployment", i), (1000 + i).ToString(), Annotations(i));

    private const string PodTemplate = """
        {"metadata":{"name":"@0@","generateName":"@1@","namespace":"@2@","uid":"@3@","resourceVersion":"@4@","creationTimestamp":"2026-01-01T00:00:00Z","labels":{"app":"web","pod-template-hash":"7c9f8d6b5"},
         "annotations":{@5@"k8s.aliyun.com/acr-instance-ids":"cri-j36zhodptmyq1234","k8s.aliyun.com/eci-use-specs":"2-4Gi","ProviderCreate":"done"},
         "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"@7@","uid":"@8@","controller":true,"blockOwnerDeletion":true}],
         "managedFields":[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:k8s.aliyun.com/acr-instance-ids":{},"f:k8s.aliyun.com/eci-use-specs":{}},"f:generateName":{},"f:labels":{".":{},"f:app":{},"f:pod-template-hash":{}},"f:ownerReferences":{".":{},"k:{\"uid\":\"x\"}":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{},"f:resources":{}}},"f:dnsPolicy":{},"f:nodeSelector":{},"f:restartPolicy":{},"f:schedulerName":{},"f:terminationGracePeriodSeconds":{},"f:tolerations":{}}}},{"manager":"virtual-kubelet","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},"f:podIPs":{},"f:startTime":{}}},"subresource":"status"}]},
         "spec":{"volumes":[{"name":"kube-api-access-@9@","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],"defaultMode":420}}],
         "containers":[{"name":"web","image":"example-registry-vpc.cn-hangzhou.cr.aliyuncs.com/team/web:1.4.2","ports":[{"containerPort":8080,"protocol":"TCP"}],"resources":{"requests":{"cpu":"500m","memory":"512Mi"}},"volumeMounts":[{"name":"kube-api-access-@9@","readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],
         "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","nodeSelector":{"type":"virtual-kubelet"},"serviceAccountName":"default","serviceAccount":"default","nodeName":"virtual-kubelet-cn-hangzhou-k","securityContext":{},"schedulerName":"default-scheduler","tolerations":[{"key":"virtual-kubelet.io/provider","operator":"Exists"},{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"},
         "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:01Z"},{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:05Z"},{"type":"ContainersReady","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:05Z"},{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:00Z"}],"hostIP":"10.0.@10@.@11@","podIP":"10.1.@10@.@11@","podIPs":[{"ip":"10.1.@10@.@11@"}],"startTime":"2026-01-01T00:00:01Z",
         "containerStatuses":[{"name":"web","state":{"running":{"startedAt":"2026-01-01T00:00:04Z"}},"lastState":{},"ready":true,"restartCount":0,"image":"example-registry-vpc.cn-hangzhou.cr.aliyuncs.com/team/web:1.4.2","imageID":"example-registry-vpc.cn-hangzhou.cr.aliyuncs.com/team/web@sha256:4f6b3c3e1d2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c","containerID":"containerd://@12@","started":true}],"qosClass":"Burstable"}}
        """;

    private static string Pod(string ns, string name, int i) => Format(PodTemplate, name, name[..^5], ns, Uid("Pod", i), (200000 + i).ToString(), Annotations(i + 50), i.ToString("D10"), name[..^6], Uid("ReplicaSet", i / 10), (i % 100000).ToString("D5"), (i % 250).ToString(), (i % 200 + 1).ToString(), i.ToString("D64"));

    private static string Format(string template, params string[] values)
    {
        var text = new StringBuilder(template);
        for (var i = 0; i < values.Length; i++)
        {
            text.Replace($"@{i}@", values[i]);
        }

        return text.ToString();
    }
}
