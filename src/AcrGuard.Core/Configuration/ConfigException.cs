namespace AcrGuard.Configuration;

/// <summary>A configuration file that cannot be used; the message names the key (and line) at fault.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ConfigException()
    {
    }
}
