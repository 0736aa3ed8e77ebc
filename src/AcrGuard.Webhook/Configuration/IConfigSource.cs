using AcrGuard.Configuration;

namespace AcrGuard.Webhook.Configuration;

/// <summary>
/// Where <c>serve</c> reads its configuration from, at start and on each reload: a service in the
/// webhook host's container, so that a test can put another source in its place through the host
/// builder's <c>ConfigureServices</c>. <see cref="ConfigFile"/> is the one registered by default.
/// </summary>
public interface IConfigSource
{
    /// <summary>The configuration at <paramref name="path"/>; null: the defaults.</summary>
    /// <exception cref="ConfigException">The configuration is missing, unreadable or invalid.</exception>
    AcrGuardConfig Load(string? path);
}
