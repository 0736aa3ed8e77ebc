namespace AcrGuard.Check.Renderers;

/// <summary>What rendering a directory gave: the rendered files, or an error, or (no tool) the command that would render it.</summary>
public sealed record Render(IReadOnlyList<RenderedFile> Files, string? Error = null, string? Hint = null)
{
    public static Render Failed(string error) => new([], Error: error);

    public static Render NoTool(string hint) => new([], Hint: hint);
}
