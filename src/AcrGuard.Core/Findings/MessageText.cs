namespace AcrGuard.Findings;

/// <summary>Keeps user-supplied text in messages short so that a message stays one line under 256 characters.</summary>
public static class MessageText
{
    private const int MaxQuoted = 60;

    /// <summary>A value from the object, cut and stripped of line breaks so that it cannot stretch a message.</summary>
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "''";
        }

        var text = value.Length > MaxQuoted ? string.Concat(value.AsSpan(0, MaxQuoted - 3), "...") : value;
        if (text.AsSpan().IndexOfAny('\n', '\r', '\t') >= 0)
        {
            text = text.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        }

        return $"'{text}'";
    }

    public static string Clamp(string message) =>
        message.Length <= Finding.MaxMessageLength
            ? message
            : string.Concat(message.AsSpan(0, Finding.MaxMessageLength - 3), "...");
}
