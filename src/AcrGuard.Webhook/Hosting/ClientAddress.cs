using System.Net;

namespace AcrGuard.Webhook.Hosting;

/// <summary>The remote address a client is counted under.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The address of <paramref name="endPoint"/>, an IPv4 client as IPv4: Kestrel listening on
    /// <c>[::]</c> sees it as <c>::ffff:a.b.c.d</c>, and one client must not count as two.
    /// Null for an endpoint without an address (a test's in-memory server).
    /// </summary>
    public static IPAddress? Of(EndPoint? endPoint) => endPoint is IPEndPoint { Address: var address } ? Normal(address) : null;

    public static IPAddress? Normal(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
