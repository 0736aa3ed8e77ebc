using System.Text.RegularExpressions;
using AcrGuard.Configuration;

namespace AcrGuard.Images;

/// <summary>
/// Classifies a registry host per the table in docs/rules.md ("ACR registry hosts"). Custom
/// domains can only come from the configuration: any host may front an Enterprise instance.
/// </summary>
public sealed partial class RegistryClassifier
{
    // Registries that are certainly not ACR; subdomains count too (us.gcr.io, k8s.gcr.io).
    internal static readonly string[] NonAcrHosts =
    [
        "docker.io", "index.docker.io", "registry-1.docker.io", "ghcr.io", "quay.io", "registry.k8s.io",
        "gcr.io", "mcr.microsoft.com", "public.ecr.aws",
    ];

    private readonly Dictionary<string, CustomDomain> customDomains;

    public RegistryClassifier(IEnumerable<CustomDomain> customDomains)
    {
        this.customDomains = new Dictionary<string, CustomDomain>(StringComparer.OrdinalIgnoreCase);
        foreach (var domain in customDomains)
        {
            this.customDomains[domain.Domain] = domain;
        }
    }

    public RegistryKind Classify(ImageReference image) => Classify(image, out _);

    public RegistryKind Classify(ImageReference image, out CustomDomain? customDomain)
    {
        // A configured domain wins over every pattern: it is what the operator told us.
        if (customDomains.TryGetValue(image.Host, out customDomain) ||
            customDomains.TryGetValue(image.HostName, out customDomain))
        {
            return RegistryKind.AcrCustomDomain;
        }

        var host = image.HostName;
        if (PersonalLegacy().IsMatch(host) || PersonalNew().IsMatch(host))
        {
            return RegistryKind.AcrPersonal;
        }

        if (EnterpriseDefault().IsMatch(host))
        {
            return RegistryKind.AcrEnterpriseDefault;
        }

        if (AckSystem().IsMatch(host) || IsKnownPublic(host))
        {
            return RegistryKind.NonAcr;
        }

        return RegistryKind.Unknown;
    }

    private static bool IsKnownPublic(string host)
    {
        foreach (var known in NonAcrHosts)
        {
            if (host == known || (host.EndsWith(known, StringComparison.Ordinal) && host[^(known.Length + 1)] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    // The host patterns are in the syntax .NET and RE2 (kube-apiserver's CEL `matches`) read alike:
    // `acrguard vap` classifies hosts with the same ones.
    internal const string PersonalLegacyPattern = @"^registry(-intl)?(-vpc)?\.[a-z0-9-]+\.aliyuncs\.com$";
    internal const string PersonalNewPattern = @"^crpi-[a-z0-9]+(-vpc)?\.[a-z0-9-]+\.personal\.cr\.aliyuncs\.com$";
    internal const string EnterpriseDefaultPattern = @"^[^.]+-registry(-intl)?(-vpc)?(-internal)?\.[a-z0-9-]+\.cr\.aliyuncs\.com$";
    internal const string AckSystemPattern = @"^registry-[a-z0-9-]+\.ack\.aliyuncs\.com$";

    [GeneratedRegex(PersonalLegacyPattern, RegexOptions.CultureInvariant)]
    private static partial Regex PersonalLegacy();

    [GeneratedRegex(PersonalNewPattern, RegexOptions.CultureInvariant)]
    private static partial Regex PersonalNew();

    // The instance name is left loose (the docs mask it as test****): the suffix is what identifies ACR.
    [GeneratedRegex(EnterpriseDefaultPattern, RegexOptions.CultureInvariant)]
    private static partial Regex EnterpriseDefault();

    // ACK's system registry (registry-cn-hangzhou.ack.aliyuncs.com) serves ACK's own images: not ACR.
    [GeneratedRegex(AckSystemPattern, RegexOptions.CultureInvariant)]
    private static partial Regex AckSystem();
}
