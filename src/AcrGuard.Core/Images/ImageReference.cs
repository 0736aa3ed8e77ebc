namespace AcrGuard.Images;

/// <summary>
/// A container image reference split per the Docker reference grammar (distribution/reference):
/// the first path segment is a registry host only if it holds a dot or a colon, is
/// <c>localhost</c> or has an upper-case letter; otherwise the image is on Docker Hub
/// (<c>nginx</c>, <c>library/nginx</c>).
/// </summary>
public sealed record ImageReference(string Host, string Repository, string? Tag, string? Digest)
{
    public const string DockerHubHost = "docker.io";

    /// <summary>Parses what a container spec may hold; returns null for an empty or whitespace reference.</summary>
    public static ImageReference? Parse(string? image)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return null;
        }

        // Sliced as a span: only the parts kept become strings, once per image of every review.
        var rest = image.AsSpan().Trim();
        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..].ToString();
            rest = rest[..at];
        }

        var host = DockerHubHost;
        var slash = rest.IndexOf('/');
        if (slash > 0)
        {
            var first = rest[..slash];
            if (first.Contains('.') || first.Contains(':') || first is "localhost" || HasUpper(first))
            {
                host = first.ToString().ToLowerInvariant();
                rest = rest[(slash + 1)..];
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..].ToString();
            rest = rest[..colon];
        }

        return new ImageReference(host, rest.ToString(), tag, digest);
    }

    /// <summary>The host without a port: what registry patterns and custom domains are matched against.</summary>
    public string HostName
    {
        get
        {
            // An IPv6 literal ([::1]:5000) keeps its brackets; only a trailing :port is cut.
            var colon = Host.LastIndexOf(':');
            return colon > Host.LastIndexOf(']') ? Host[..colon] : Host;
        }
    }

    // distribution/reference treats a first segment with an upper-case letter as a host as well.
    private static bool HasUpper(ReadOnlySpan<char> segment)
    {
        foreach (var c in segment)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return true;
            }
        }

        return false;
    }
}
