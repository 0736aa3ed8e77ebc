namespace AcrGuard.Check.Renderers;

/// <summary>
/// <c>kubectl kustomize DIR</c>, or <c>kustomize build DIR</c> where only kustomize is installed.
/// The render carries no trace of the file each object came from, so its objects are attributed
/// to the kustomization file, line 1, with the document's index in the render.
/// </summary>
public sealed class KustomizeRenderer(ToolLocator tools)
{
    public Render Render(Kustomization kustomization)
    {
        var directory = kustomization.Directory;
        var (tool, arguments, name) = tools.Find("kubectl") is { } kubectl
            ? (kubectl, new[] { "kustomize", directory }, "kubectl kustomize")
            : tools.Find("kustomize") is { } kustomize
                ? (kustomize, ["build", directory], "kustomize build")
                : ((string?)null, Array.Empty<string>(), string.Empty);
        if (tool is null)
        {
            return Renderers.Render.NoTool($"kustomize directory not rendered: neither kubectl nor kustomize is on PATH; run: kubectl kustomize {directory} | acrguard check -");
        }

        var run = ToolRun.Start(tool, arguments, ToolRun.Timeout);
        return run.ExitCode != 0
            ? Renderers.Render.Failed($"{directory}: {name} failed: {run.Reason}")
            : new Render([new RenderedFile(kustomization.File, run.Stdout, LinesMatch: false)]);
    }
}
