using AcrGuard.Configuration;

namespace AcrGuard.Commands;

/// <summary>Loads the configuration file named by <c>--config</c>; errors name the file.</summary>
public static class ConfigFile
{
    public static AcrGuardConfig Load(string? path)
    {
        if (path is null)
        {
            return AcrGuardConfig.Default;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the configuration: {e.Message}", e);
        }

        try
        {
            return ConfigReader.Parse(text);
        }
        catch (ConfigException e)
        {
            throw new ConfigException($"{path}: {e.Message}", e);
        }
    }
}
