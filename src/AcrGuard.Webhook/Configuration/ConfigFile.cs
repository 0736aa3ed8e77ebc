using AcrGuard.Configuration;

namespace AcrGuard.Webhook.Configuration;

/// <summary>
/// Loads the configuration file named by <c>--config</c>; errors name the file. The rules
/// (AcrGuard.Core) do no I/O, so the reading is here, in the webhook project, which both the
/// webhook host (its default <see cref="IConfigSource"/>) and the CLI's check and audit reference.
/// </summary>
public sealed class ConfigFile : IConfigSource
{
    /// <summary>The one instance the CLI's commands read through; it holds no state.</summary>
    public static ConfigFile Instance { get; } = new();

    public AcrGuardConfig Load(string? path)
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
