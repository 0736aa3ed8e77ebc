namespace AcrGuard.Check.Renderers;

/// <summary>Finds executables on a PATH, the way a shell would: the first directory with an executable file of that name.</summary>
public sealed class ToolLocator(string? searchPath)
{
    public static ToolLocator FromEnvironment() => new(Environment.GetEnvironmentVariable("PATH"));

    /// <summary>The full path of <paramref name="name"/>, or null when no directory of the PATH has it.</summary>
    public string? Find(string name)
    {
        foreach (var directory in (searchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in OperatingSystem.IsWindows() ? [name + ".exe", name + ".cmd", name] : new[] { name })
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
