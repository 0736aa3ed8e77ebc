using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AcrGuard.Testing;

/// <summary>
/// <c>acrguard serve</c> as a child process, as a container runs it: started with the given flags
/// on free ports (or the defaults), stopped with a real SIGTERM, its output kept for assertions
/// and failure messages. One source file, compiled into the CLI tests and the end-to-end tests.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ServeProcess(Process process, int port, int metricsPort)
    {
        this.process = process;
        Port = port;
        MetricsPort = metricsPort;
    }

    public int Port { get; }

    public int MetricsPort { get; }

    public string Output => string.Join(Environment.NewLine, output);

    public bool HasExited => process.HasExited;

    /// <summary>Starts serve with <paramref name="flags"/>, on free ports unless <paramref name="defaultPorts"/>.</summary>
    public static ServeProcess Start(IEnumerable<string> flags, bool defaultPorts = false)
    {
        var (port, metricsPort) = defaultPorts ? (8443, 9090) : (FreePort(), FreePort());

        // The test host runs under `dotnet`; DOTNET_HOST_PATH names it when dotnet test started us.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "acrguard.dll"));
        start.ArgumentList.Add("serve");
        if (!defaultPorts)
        {
            foreach (var argument in (string[])["--port", Text(port), "--metrics-port", Text(metricsPort)])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var flag in flags)
        {
            start.ArgumentList.Add(flag);
        }

        var process = new Process { StartInfo = start };
        var serve = new ServeProcess(process, port, metricsPort);
        process.OutputDataReceived += (_, line) => serve.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => serve.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>Starts serve and waits for it to be ready.</summary>
    public static async Task<ServeProcess> StartAsync(bool defaultPorts = false, params string[] flags)
    {
        var serve = Start(flags, defaultPorts);
        try
        {
            await serve.WaitUntilReadyAsync(TimeSpan.FromSeconds(20));
            return serve;
        }
        catch
        {
            serve.Dispose();
            throw;
        }
    }

    /// <summary>Polls <c>/readyz</c> on the metrics port, as the Deployment's readiness probe does.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                Assert.Fail($"acrguard serve exited {process.ExitCode} before it was ready:{Environment.NewLine}{Output}");
            }

            if (await ReadyAsync() == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"acrguard serve was not ready within {timeout}:{Environment.NewLine}{Output}");
    }

    /// <summary>/readyz's status, or null when nothing answers.</summary>
    public async Task<HttpStatusCode?> ReadyAsync()
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await probe.GetAsync(new Uri($"http://127.0.0.1:{MetricsPort}/readyz"));
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Sends SIGTERM, as the kubelet does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Text(process.Id)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
