using System.Diagnostics;
using System.Text;

namespace AcrGuard.Check.Renderers;

/// <summary>One run of a rendering tool (helm, kubectl, kustomize): its output, or why it failed.</summary>
public sealed record ToolRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>
    /// A render of a large chart takes seconds; a tool that hangs (waiting on a prompt, a network
    /// dependency) must not hang CI, so it is stopped after this long and reported.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The first line of stderr, for a one-line input error.</summary>
    public string Reason =>
        Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } line
            ? line
            : $"exit status {ExitCode}";

    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/>; null when it cannot be started or does not finish in time.</summary>
    public static ToolRun Start(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ToolRun(-1, string.Empty, $"cannot start {tool}: {e.Message}");
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ToolRun(-1, string.Empty, $"{Path.GetFileName(tool)} did not finish in {timeout.TotalSeconds:0} s and was stopped");
        }

        return new ToolRun(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
