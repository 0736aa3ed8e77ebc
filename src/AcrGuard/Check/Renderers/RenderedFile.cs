namespace AcrGuard.Check.Renderers;

/// <summary>
/// Rendered objects attributed to one file. <see cref="LinesMatch"/>: the text's lines are the
/// file's lines (a Helm template's render, where the template's actions add or remove none);
/// otherwise findings point at line 1 of <see cref="File"/>.
/// </summary>
public sealed record RenderedFile(string File, string Text, bool LinesMatch);
