namespace AcrGuard.Check.Renderers;

/// <summary>
/// <c>helm template DIR</c>: the chart with its own values.yaml, as a release named
/// <c>release-name</c> (helm's default), judged as its output. Without helm on PATH, the command
/// to run instead.
/// </summary>
public sealed class HelmRenderer(ToolLocator tools)
{
    public Render Render(string chartDirectory)
    {
        if (tools.Find("helm") is not { } helm)
        {
            return Renderers.Render.NoTool($"Helm chart not rendered: helm is not on PATH; run: helm template {chartDirectory} | acrguard check -");
        }

        var run = ToolRun.Start(helm, ["template", chartDirectory], ToolRun.Timeout);
        return run.ExitCode != 0
            ? Renderers.Render.Failed($"{chartDirectory}: helm template failed: {run.Reason}")
            : new Render(HelmSources.Split(chartDirectory, run.Stdout));
    }
}
