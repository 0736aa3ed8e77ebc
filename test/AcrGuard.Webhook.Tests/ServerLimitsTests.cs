using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace AcrGuard.Webhook.Tests;

/// <summary>Kestrel's limits as <see cref="ServerLimits"/> sets them, seen from a client on a real port.</summary>
public sealed class ServerLimitsTests
{
    private IHost host = null!;
    private int port;
    private int metricsPort;

    [OneTimeSetUp]
    public async Task Start()
    {
        // Port 0: the OS picks free ports, read back once bound (no port probed and released first).
        host = WebhookHost.Build(new ServeOptions { Port = 0, MetricsPort = 0 });
        await host.StartAsync();
        (port, metricsPort) = BoundPorts.Of(host);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await host.StopAsync();
        host.Dispose();
    }

    [Test]
    public async Task Headers_over_16_KiB_get_431()
    {
        await using var connection = await RawConnection.OpenAsync(port);
        await connection.SendAsync($"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Padding: {new string('x', ServerLimits.MaxHeadersTotalBytes)}\r\nContent-Length: 2\r\n\r\n{{}}");

        var (text, _) = await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(10));

        Assert.That(text, Does.StartWith("HTTP/1.1 431"));
    }

    [Test]
    public async Task Http2_settings_announce_the_stream_limit_and_the_small_windows()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate is not null);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", ApplicationProtocols = [SslApplicationProtocol.Http2] });
        Assert.That(tls.NegotiatedApplicationProtocol, Is.EqualTo(SslApplicationProtocol.Http2));

        // The client preface and an empty SETTINGS frame.
        await tls.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
        await tls.WriteAsync(new byte[] { 0, 0, 0, 4, 0, 0, 0, 0, 0 });

        var settings = new Dictionary<int, uint>();
        uint? connectionIncrement = null;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (connectionIncrement is null || settings.Count == 0)
        {
            var header = new byte[9];
            await tls.ReadExactlyAsync(header, cancel.Token);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var payload = new byte[length];
            await tls.ReadExactlyAsync(payload, cancel.Token);
            var (type, flags, stream) = (header[3], header[4], BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & int.MaxValue);
            if (type == 4 && (flags & 1) == 0)
            {
                for (var i = 0; i + 6 <= length; i += 6)
                {
                    settings[BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(i))] = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(i + 2));
                }
            }
            else if (type == 8 && stream == 0)
            {
                connectionIncrement = BinaryPrimitives.ReadUInt32BigEndian(payload) & int.MaxValue;
            }
        }

        // SETTINGS_MAX_CONCURRENT_STREAMS (3), SETTINGS_INITIAL_WINDOW_SIZE (4); the connection
        // window starts at 65,535 and is raised by the server's first WINDOW_UPDATE. The window
        // holds every stream's: streams waiting for the budget cannot starve the one admitted.
        Assert.That(settings[3], Is.EqualTo(8));
        Assert.That(settings[4], Is.EqualTo(64 * 1024));
        Assert.That(65_535 + connectionIncrement, Is.EqualTo(8 * 64 * 1024));
    }

    [TestCase(192L * 1024 * 1024, 40)]
    [TestCase(64L * 1024 * 1024, 32)]
    [TestCase(1024L * 1024 * 1024, 213)]
    [TestCase(24L * 1024 * 1024 * 1024, 4096)]
    public void The_default_connection_limit_is_what_fits_in_a_quarter_of_the_memory_at_the_measured_cost_within_32_and_4096(long available, int expected) =>
        Assert.That(ServerLimits.DefaultMaxConnections(available), Is.EqualTo(expected));
}
