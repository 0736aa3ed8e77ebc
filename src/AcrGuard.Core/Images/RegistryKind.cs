namespace AcrGuard.Images;

/// <summary>What a registry host is, as far as secret-free ACR pulls are concerned.</summary>
public enum RegistryKind
{
    /// <summary>Neither ACR, nor a known public registry, nor configured: possibly an Enterprise custom domain.</summary>
    Unknown,

    /// <summary>ACR Personal Edition, old (<c>registry.cn-hangzhou.aliyuncs.com</c>) or new (<c>crpi-*.personal.cr.aliyuncs.com</c>).</summary>
    AcrPersonal,

    /// <summary>ACR Enterprise Edition on its default domain (<c>&lt;name&gt;-registry.&lt;region&gt;.cr.aliyuncs.com</c>).</summary>
    AcrEnterpriseDefault,

    /// <summary>An ACR Enterprise instance on a custom domain named in the configuration.</summary>
    AcrCustomDomain,

    /// <summary>A registry that is certainly not ACR (Docker Hub, ghcr.io, ACK's system registry...).</summary>
    NonAcr,
}
