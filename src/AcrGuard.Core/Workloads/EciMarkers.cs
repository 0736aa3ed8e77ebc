using k8s.Models;

namespace AcrGuard.Workloads;

/// <summary>
/// The visible signs that a pod goes to ECI (virtual kubelet), for AG011. Namespace labels,
/// eci-profile selectors and ACK Serverless route pods to ECI with none of these, which is why
/// AG011 is off by default.
/// </summary>
public static class EciMarkers
{
    public static bool HasAny(V1ObjectMeta? metadata, V1PodSpec? spec)
    {
        if (IsTrue(metadata?.Labels, "alibabacloud.com/eci") || IsTrue(metadata?.Labels, "eci") ||
            metadata?.Annotations?.ContainsKey("alibabacloud.com/burst-resource") == true)
        {
            return true;
        }

        if (spec is null)
        {
            return false;
        }

        if ((spec.NodeSelector?.TryGetValue("type", out var type) == true && type == "virtual-kubelet") ||
            IsTrue(spec.NodeSelector, "k8s.aliyun.com/vnode") ||
            spec.NodeName?.StartsWith("virtual-kubelet", StringComparison.Ordinal) == true)
        {
            return true;
        }

        if (spec.Tolerations is not null)
        {
            foreach (var toleration in spec.Tolerations)
            {
                if (toleration?.Key is "virtual-kubelet.io/provider" or "k8s.aliyun.com/vnode")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsTrue(IDictionary<string, string>? map, string key) =>
        map?.TryGetValue(key, out var value) == true && value == "true";
}
