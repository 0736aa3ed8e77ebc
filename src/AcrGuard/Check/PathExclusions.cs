using Microsoft.Extensions.FileSystemGlobbing;

namespace AcrGuard.Check;

/// <summary>
/// The <c>--exclude</c> globs, matched against paths relative to the directory given (forward
/// slashes): <c>*</c> within a name, <c>**</c> across directories. A glob naming a directory
/// (<c>charts/legacy</c>, <c>vendor/</c>) excludes everything under it, as .gitignore does.
/// </summary>
public sealed class PathExclusions
{
    private readonly Matcher? matcher;

    public PathExclusions(IEnumerable<string> globs)
    {
        foreach (var glob in globs)
        {
            var pattern = glob.Replace('\\', '/').Trim();
            if (pattern.StartsWith("./", StringComparison.Ordinal))
            {
                pattern = pattern[2..];
            }

            pattern = pattern.TrimEnd('/');
            if (pattern.Length == 0)
            {
                continue;
            }

            matcher ??= new Matcher(StringComparison.Ordinal).AddInclude("**/*");
            matcher.AddExclude(pattern);
            matcher.AddExclude(pattern + "/**/*");
        }
    }

    public static PathExclusions None { get; } = new([]);

    /// <summary>Whether the file at <paramref name="relativePath"/> (forward slashes, relative to the walked directory) is excluded.</summary>
    public bool Excludes(string relativePath) => matcher is not null && !matcher.Match(relativePath).HasMatches;
}
