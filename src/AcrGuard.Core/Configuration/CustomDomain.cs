namespace AcrGuard.Configuration;

/// <summary>An ACR Enterprise instance reached through a custom domain (<c>registries.customDomains</c>).</summary>
public sealed record CustomDomain(string Domain, string InstanceId);
