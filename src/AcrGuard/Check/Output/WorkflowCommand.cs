using System.Text;

namespace AcrGuard.Check.Output;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=F,line=N,title=T::message</c>), escaped as
/// the Actions toolkit does (actions/toolkit packages/core/src/command.ts): in the message %, CR
/// and LF; in property values also : and , which would end the value.
/// </summary>
public static class WorkflowCommand
{
    public static string Format(string command, IEnumerable<(string Name, string? Value)> properties, string message)
    {
        var text = new StringBuilder("::").Append(command);
        var first = true;
        foreach (var (name, value) in properties)
        {
            if (value is null)
            {
                continue;
            }

            text.Append(first ? ' ' : ',').Append(name).Append('=').Append(EscapeProperty(value));
            first = false;
        }

        return text.Append("::").Append(EscapeData(message)).ToString();
    }

    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
