namespace AcrGuard.Check.Output;

/// <summary>
/// Terminal colours for the text format. On only when writing to a terminal and NO_COLOR is
/// unset or empty (https://no-color.org); a redirected or piped output gets plain text.
/// </summary>
public sealed class AnsiStyle(bool enabled)
{
    public static AnsiStyle Plain { get; } = new(false);

    public bool Enabled => enabled;

    /// <summary>Whether the text format should colour: <paramref name="outputIsTerminal"/>, and <paramref name="noColor"/> (NO_COLOR's value) unset or empty.</summary>
    public static bool ShouldColour(bool outputIsTerminal, string? noColor) => outputIsTerminal && string.IsNullOrEmpty(noColor);

    public string Red(string text) => Wrap("31", text);

    public string Yellow(string text) => Wrap("33", text);

    public string Green(string text) => Wrap("32", text);

    public string Dim(string text) => Wrap("2", text);

    public string Bold(string text) => Wrap("1", text);

    private string Wrap(string code, string text) => enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
