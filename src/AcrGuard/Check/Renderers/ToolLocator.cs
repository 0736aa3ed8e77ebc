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
                if (IsExecutable(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    // A PATH entry may be anything (a file, a directory we may not read): such entries are passed over, as a shell does.
    private static bool IsExecutable(string path)
    {
        try
        {
            return File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
