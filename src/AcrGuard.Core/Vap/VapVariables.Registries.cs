using System.Text;
using AcrGuard.Images;

namespace AcrGuard.Vap;

/// <summary>What each image's registry is, as <c>RegistryClassifier</c> tells (AG008, AG010), and the ECI markers (AG011).</summary>
internal sealed partial class VapVariables
{
    // Per image: '' (no image), 'custom' (a configured domain), 'acr', 'public' (certainly not
    // ACR) or 'unknown'. The host without its port (ImageReference.HostName) is matched against
    // the patterns, the configured domains against both.
    private string Registries(Subject s, VapScope scope)
    {
        var domains = CelText.List(CustomDomains.Select(d => d.Domain));
        var custom = CustomDomains.Count == 0 ? string.Empty : $"p[0] in {domains} || p[1] in {domains} ? 'custom'\n  : ";
        var acr = string.Join(" || ", new[] { RegistryClassifier.PersonalLegacyPattern, RegistryClassifier.PersonalNewPattern, RegistryClassifier.EnterpriseDefaultPattern }
            .Select(p => $"p[1].matches({CelText.String(p)})"));

        // The known public hosts and their subdomains (us.gcr.io), in one pattern: one match per image.
        var publicHosts = $"^(.*\\.)?({string.Join('|', RegistryClassifier.NonAcrHosts.Select(Re2Literal))})$";
        return $"{scope.Var("hosts", s)}.map(h, [h, h.lastIndexOf(':') > h.lastIndexOf(']') ? h.substring(0, h.lastIndexOf(':')) : h])"
            + $"\n.map(p, p[0] == '' ? ''\n  : {custom}{acr} ? 'acr'"
            + $"\n  : p[1].matches({CelText.String(RegistryClassifier.AckSystemPattern)}) || p[1].matches({CelText.String(publicHosts)}) ? 'public'"
            + "\n  : 'unknown')";
    }

    // EciMarkers.HasAny: the pod (template)'s labels and annotations, node selector, node name, tolerations.
    private static string EciMarked(Subject s, VapScope scope)
    {
        var labels = scope.Var("labels", s);
        var target = scope.Var("target", s);
        var spec = scope.Var("podSpec", s);
        return $"('alibabacloud.com/eci' in {labels} && {labels}['alibabacloud.com/eci'] == 'true')"
            + $"\n|| ('eci' in {labels} && {labels}['eci'] == 'true')"
            + $"\n|| 'alibabacloud.com/burst-resource' in {target}"
            + $"\n|| (has({spec}.nodeSelector) && (('type' in {spec}.nodeSelector && {spec}.nodeSelector['type'] == 'virtual-kubelet')"
            + $" || ('k8s.aliyun.com/vnode' in {spec}.nodeSelector && {spec}.nodeSelector['k8s.aliyun.com/vnode'] == 'true')))"
            + $"\n|| (has({spec}.nodeName) && {spec}.nodeName.startsWith('virtual-kubelet'))"
            + $"\n|| (has({spec}.tolerations) && {spec}.tolerations.exists(t, has(t.key) && t.key in ['virtual-kubelet.io/provider', 'k8s.aliyun.com/vnode']))";
    }

    /// <summary>A literal text as an RE2 (and .NET) pattern: every metacharacter escaped.</summary>
    public static string Re2Literal(string text)
    {
        var pattern = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (@"\.+*?()|[]{}^$".Contains(c))
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.ToString();
    }
}
