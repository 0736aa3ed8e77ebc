using System.Net.Sockets;

namespace AcrGuard.EndToEnd.Tests;

/// <summary>
/// Whether a Docker engine answers, asked the way Testcontainers finds one (DOCKER_HOST, else the
/// default sockets), so that without one the tests are ignored with the reason instead of failing
/// deep inside Testcontainers or, worse, passing without having run.
/// </summary>
internal static class DockerAvailability
{
    /// <summary>Null when an engine answered <c>GET /_ping</c>; otherwise why not.</summary>
    public static async Task<string?> UnavailableReasonAsync(CancellationToken cancellation)
    {
        var endpoint = Endpoint();
        if (endpoint is null)
        {
            return "DOCKER_HOST is not set and neither /var/run/docker.sock nor ~/.docker/run/docker.sock exists";
        }

        try
        {
            using var handler = new SocketsHttpHandler();
            var baseAddress = new Uri("http://docker/");
            if (endpoint.Scheme == "unix")
            {
                var path = endpoint.AbsolutePath;
                handler.ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                };
            }
            else
            {
                baseAddress = new UriBuilder(endpoint) { Scheme = "http" }.Uri;
            }

            using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
            using var response = await client.GetAsync(new Uri("/_ping", UriKind.Relative), cancellation);
            return response.IsSuccessStatusCode ? null : $"{endpoint} answered /_ping with {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException or IOException)
        {
            return $"{endpoint} does not answer: {e.Message}";
        }
    }

    private static Uri? Endpoint()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(dockerHost))
        {
            return new Uri(dockerHost);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new[] { "/var/run/docker.sock", Path.Combine(home, ".docker", "run", "docker.sock") }
            .Where(File.Exists)
            .Select(path => new Uri($"unix://{path}"))
            .FirstOrDefault();
    }
}
