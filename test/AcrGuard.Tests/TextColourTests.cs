using System.Diagnostics;
using AcrGuard.Check.Output;

namespace AcrGuard.Tests;

/// <summary>Colour in the text format: on a terminal only, and never with NO_COLOR set.</summary>
public class TextColourTests
{
    [TestCase(true, null, ExpectedResult = true)]
    [TestCase(true, "", ExpectedResult = true)]
    [TestCase(true, "1", ExpectedResult = false)]
    [TestCase(false, null, ExpectedResult = false)]
    public bool Colour_needs_a_terminal_and_no_NO_COLOR(bool terminal, string? noColor) => AnsiStyle.ShouldColour(terminal, noColor);

    [Test]
    public void On_a_terminal_denials_are_red_and_NO_COLOR_turns_colour_off()
    {
        // script(1) gives the child a pseudo-terminal, as a developer's shell would.
        if (!File.Exists("/usr/bin/script"))
        {
            Assert.Ignore("script (util-linux) is not installed: no pseudo-terminal to run check on");
        }

        var file = CliRun.TempFile("app.yaml", TestManifests.MisplacedDeployment);
        var coloured = OnTerminal(file, noColor: null);
        var plain = OnTerminal(file, noColor: "1");

        Assert.Multiple(() =>
        {
            Assert.That(coloured, Does.Contain("Deployment default/web: \u001b[31mdenied\u001b[0m"));
            Assert.That(plain, Does.Contain("Deployment default/web: denied"));
            // .NET's console may still switch the keypad mode (ESC [?1h); no colour (SGR) sequence.
            Assert.That(plain, Does.Not.Match(@"\u001b\[[0-9;]*m"));
        });
    }

    private static string OnTerminal(string file, string? noColor)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-qec", $"'{dotnet}' '{Path.Combine(AppContext.BaseDirectory, "acrguard.dll")}' check '{file}'", "/dev/null"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = "xterm";
        start.Environment.Remove("NO_COLOR");
        if (noColor is not null)
        {
            start.Environment["NO_COLOR"] = noColor;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("check on a terminal did not finish");
        }

        return output.Result;
    }
}
