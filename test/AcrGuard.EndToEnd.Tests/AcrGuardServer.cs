using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AcrGuard.EndToEnd.Tests;

/// <summary><c>acrguard serve</c> as a child process on free ports of this host, its log kept for failure messages.</summary>
internal sealed class AcrGuardServer : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private AcrGuardServer(Process process, int port, int metricsPort)
    {
        _process = process;
        Port = port;
        MetricsPort = metricsPort;
    }

    public int Port { get; }

    public int MetricsPort { get; }

    public string Log => string.Join(Environment.NewLine, _log);

    public static AcrGuardServer Start(string config, string tlsCert, string tlsKey)
    {
        var port = FreePort();
        var metricsPort = FreePort();
        // The test host runs under `dotnet`; DOTNET_HOST_PATH names it when dotnet test started us.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "acrguard.dll"), "serve",
                "--config", config,
                "--port", port.ToString(),
                "--metrics-port", metricsPort.ToString(),
                "--tls-cert", tlsCert,
                "--tls-key", tlsKey,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = new Process { StartInfo = start };
        var server = new AcrGuardServer(process, port, metricsPort);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <c>/readyz</c> on the metrics port, as the Deployment's readiness probe does.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"acrguard serve exited {_process.ExitCode} before it was ready:{Environment.NewLine}{Log}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"http://localhost:{MetricsPort}/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        Assert.Fail($"acrguard serve was not ready within {timeout}:{Environment.NewLine}{Log}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
