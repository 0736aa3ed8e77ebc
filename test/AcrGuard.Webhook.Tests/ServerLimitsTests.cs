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
    public async Task Past_the_connection_limit_the_webhook_port_closes_new_connections_while_the_probes_answer()
    {
        var held = new List<TcpClient>();
        try
        {
            for (var i = 0; i < ServerLimits.MaxConnections; i++)
            {
                var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                held.Add(tcp);
            }

            using (var extra = new TcpClient())
            {
                await extra.ConnectAsync(IPAddress.Loopback, port);
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var read = await extra.GetStream().ReadAsync(new byte[1], cancel.Token);
                Assert.That(read, Is.Zero, "the connection over the limit was closed at once");
            }

            using var probes = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}") };
            using var ready = await probes.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the metrics port counts its connections apart");
            var metrics = await probes.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.That(metrics, Does.Match(@"kestrel_rejected_connections_total\{[^}]*\} [1-9]"), "the refusal is counted");
        }
        finally
        {
            held.ForEach(tcp => tcp.Dispose());
        }

        // Slots come back as the held connections go.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = Client();
                var (status, _) = await client.PostAsync("/validate", Reviews.Sample("deployment-cross-account.json"));
                Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
                break;
            }
            catch (HttpRequestException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
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

    private HttpClient Client()
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null;
        return new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{port}") };
    }
}
