using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace AcrGuard.Testing;

/// <summary>
/// <c>acrguard serve</c> as a child process, as a container runs it: started with the given flags
/// on ports the OS picks (<c>--port 0 --metrics-port 0</c>, read back from its "Now listening on"
/// lines: no port is probed and released for another process to take), stopped with a real
/// SIGTERM, its output kept for assertions and failure messages. For the CLI tests and the
/// end-to-end tests, which both have acrguard.dll in their output (their project reference).
/// </summary>
public sealed partial class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private int port;
    private int metricsPort;

    private ServeProcess(Process process)
    {
        this.process = process;
    }

    /// <summary>The webhook's HTTPS port, once serve has said where it listens.</summary>
    public int Port => Volatile.Read(ref port) is not 0 and var bound ? bound : throw new InvalidOperationException("serve has not said yet where it listens: wait until it is ready");

    /// <summary>The metrics port, once serve has said where it listens.</summary>
    public int MetricsPort => Volatile.Read(ref metricsPort) is not 0 and var bound ? bound : throw new InvalidOperationException("serve has not said yet where it listens: wait until it is ready");

    public string Output => string.Join(Environment.NewLine, output);

    public bool HasExited => process.HasExited;

    /// <summary>Starts serve with <paramref name="flags"/> on ports the OS picks.</summary>
    public static ServeProcess Start(IEnumerable<string> flags)
    {
        // The test host runs under `dotnet`; DOTNET_HOST_PATH names it when dotnet test started us.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "acrguard.dll"), "serve", "--port", "0", "--metrics-port", "0", .. flags])
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var serve = new ServeProcess(process);
        process.OutputDataReceived += (_, line) => serve.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => serve.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>Starts serve and waits for it to be ready.</summary>
    public static async Task<ServeProcess> StartAsync(params string[] flags)
    {
        var serve = Start(flags);
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

            if (Volatile.Read(ref port) != 0 && Volatile.Read(ref metricsPort) != 0 && await ReadyAsync() == HttpStatusCode.OK)
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
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);

        // ASP.NET's lifetime line, one per listener: the webhook's is the https one.
        if (ListeningOn().Match(line) is { Success: true } listening)
        {
            var bound = int.Parse(listening.Groups["port"].ValueSpan, CultureInfo.InvariantCulture);
            _ = listening.Groups["scheme"].Value == "https"
                ? Interlocked.Exchange(ref port, bound)
                : Interlocked.Exchange(ref metricsPort, bound);
        }
    }

    [GeneratedRegex("\"Message\":\"Now listening on: (?<scheme>https?)://[^\"]*:(?<port>[0-9]+)\"")]
    private static partial Regex ListeningOn();

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
