using System.Net;

namespace AcrGuard.Certificates;

/// <summary>What the webhook's serving certificate must name: the Service's DNS names and any extra names or addresses.</summary>
public sealed record ServingCertificateSpec(
    string Service,
    string Namespace,
    IReadOnlyList<string> ExtraDnsNames,
    IReadOnlyList<IPAddress> IpAddresses,
    int Days)
{
    /// <summary>
    /// Every name kube-apiserver may dial the Service by. It uses <c>&lt;service&gt;.&lt;namespace&gt;.svc</c>
    /// (https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#service-reference);
    /// the shorter and longer forms cover clients inside the cluster.
    /// </summary>
    public IReadOnlyList<string> DnsNames =>
    [
        .. new[]
        {
            Service,
            $"{Service}.{Namespace}",
            $"{Service}.{Namespace}.svc",
            $"{Service}.{Namespace}.svc.cluster.local",
        }.Concat(ExtraDnsNames).Distinct(StringComparer.OrdinalIgnoreCase),
    ];
}
