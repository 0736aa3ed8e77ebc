using System.Net;
using System.Net.Sockets;

namespace AcrGuard.Webhook.Tests.Support;

internal static class FreePort
{
    /// <summary>A port the OS just handed out and released: free for the test that asks for it.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
