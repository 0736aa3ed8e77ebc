using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AcrGuard.Tests;

/// <summary>
/// <c>acrguard serve</c> as a child process, as a container runs it: started with the given flags,
/// stopped with a real SIGTERM, its output kept for the assertions.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServeProcess(Process process, int port, int metricsPort)
    {
        this.process = process;
        Port = port;
        MetricsPort = metricsPort;
    }

    public int Port { get; }

    public int MetricsPort { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>Starts serve on free ports (or the defaults, with <paramref name="defaultPorts"/>) and waits until /readyz answers 200.</summary>
    public static async Task<ServeProcess> StartAsync(bool defaultPorts = false, params string[] flags)
    {
        var (port, metricsPort) = defaultPorts ? (8443, 9090) : (FreePort(), FreePort());
        string[] arguments = defaultPorts
            ? [Path.Combine(AppContext.BaseDirectory, "acrguard.dll"), "serve", .. flags]
            : [Path.Combine(AppContext.BaseDirectory, "acrguard.dll"), "serve", "--port", Text(port), "--metrics-port", Text(metricsPort), .. flags];
        var process = new Process { StartInfo = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true } };
        var serve = new ServeProcess(process, port, metricsPort);
        process.OutputDataReceived += (_, line) => serve.Append(line.Data);
        process.ErrorDataReceived += (_, line) => serve.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 200 && !process.HasExited; i++)
        {
            if (await serve.ReadyAsync() == HttpStatusCode.OK)
            {
                return serve;
            }

            await Task.Delay(100);
        }

        serve.Dispose();
        throw new AssertionException($"serve never became ready; exited: {process.HasExited}; output:\n{serve.Output}");
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
        catch (HttpRequestException)
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string Text(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
