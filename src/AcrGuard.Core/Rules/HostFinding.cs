using AcrGuard.Configuration;

namespace AcrGuard.Rules;

/// <summary>
/// One finding per host in a pod template, at its first image and with the count of the others
/// (AG003, AG010): fifty containers on one custom domain are one mistake, and fifty copies of it
/// would crowd every other warning out of kube-apiserver's 4 KiB.
/// </summary>
internal sealed class HostFinding(string host, string path, CustomDomain? domain)
{
    public string Host { get; } = host;

    public string Path { get; } = path;

    public CustomDomain? Domain { get; } = domain;

    public int Count { get; private set; } = 1;

    /// <summary>The other images on the host, as the message says them.</summary>
    public string More => Count switch
    {
        1 => string.Empty,
        2 => " (and 1 more image)",
        _ => $" (and {Count - 1} more images)",
    };

    /// <summary>Counts an image on <paramref name="host"/>; the list is made only when a rule fires.</summary>
    public static void Add(ref List<HostFinding>? findings, string host, string path, CustomDomain? domain = null)
    {
        findings ??= [];
        foreach (var finding in findings)
        {
            if (string.Equals(finding.Host, host, StringComparison.OrdinalIgnoreCase))
            {
                finding.Count++;
                return;
            }
        }

        findings.Add(new HostFinding(host, path, domain));
    }
}
