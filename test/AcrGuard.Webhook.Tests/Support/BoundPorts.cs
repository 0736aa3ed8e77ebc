using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>
/// The ports a started host listens on. The tests start it on port 0 and read back what the OS
/// gave, instead of probing for a free port and releasing it for any other process to take first.
/// </summary>
internal static class BoundPorts
{
    public static (int Webhook, int Metrics) Of(IHost host)
    {
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return (PortOf(addresses, Uri.UriSchemeHttps), PortOf(addresses, Uri.UriSchemeHttp));
    }

    private static int PortOf(IEnumerable<string> addresses, string scheme) =>
        addresses.Select(a => new Uri(a)).Single(a => a.Scheme == scheme).Port;
}
