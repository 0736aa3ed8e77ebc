using System.Text;

namespace AcrGuard.Vap;

/// <summary>
/// CEL source text: literals, lists and field selections, written so that kube-apiserver's CEL
/// (cel-go, the standard library and the strings extension) reads them as meant.
/// </summary>
internal static class CelText
{
    // CEL's reserved words (cel-spec, "Syntax"), which kube-apiserver's property escaping also
    // names: a field called so is selected as __name__ (Kubernetes docs, "CEL: Escaping").
    private static readonly HashSet<string> Reserved =
    [
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
        "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
    ];

    /// <summary>A string literal, in the quotes that need the fewer escapes (messages hold apostrophes).</summary>
    public static string String(string value)
    {
        var quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        var text = new StringBuilder(value.Length + 2).Append(quote);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                '\r' => text.Append(@"\r"),
                '\t' => text.Append(@"\t"),
                _ when c == quote => text.Append('\\').Append(c),
                _ => text.Append(c),
            };
        }

        return text.Append(quote).ToString();
    }

    /// <summary>A list literal of strings: <c>['a', 'b']</c>.</summary>
    public static string List(IEnumerable<string> values) => $"[{string.Join(", ", values.Select(String))}]";

    /// <summary>
    /// A field as a selection names it. kube-apiserver exposes object properties to CEL under
    /// escaped names where the name is not an identifier: __ as __underscores__, . as __dot__,
    /// - as __dash__, / as __slash__, a reserved word as __word__ (Kubernetes docs, "CEL: Escaping").
    /// </summary>
    public static string Field(string name)
    {
        if (Reserved.Contains(name))
        {
            return $"__{name}__";
        }

        return name.Replace("__", "__underscores__", StringComparison.Ordinal)
            .Replace(".", "__dot__", StringComparison.Ordinal)
            .Replace("-", "__dash__", StringComparison.Ordinal)
            .Replace("/", "__slash__", StringComparison.Ordinal);
    }

    /// <summary><c>root.a.b.c</c> for the fields a, b, c.</summary>
    public static string Select(string root, IEnumerable<string> fields) =>
        string.Concat(fields.Select(f => "." + Field(f)).Prepend(root));

    /// <summary>
    /// Whether every field on the way is set: <c>has(root.a) &amp;&amp; has(root.a.b)</c>. Selecting a
    /// field that is not there is an error in CEL, and an error fails the policy closed.
    /// </summary>
    public static string Has(string root, IReadOnlyList<string> fields) =>
        string.Join(" && ", Enumerable.Range(1, fields.Count).Select(n => $"has({Select(root, fields.Take(n))})"));

    /// <summary>The value at the fields, or <paramref name="otherwise"/> where any of them is not set.</summary>
    public static string At(string root, IReadOnlyList<string> fields, string otherwise) =>
        fields.Count == 0 ? root : $"({Has(root, fields)} ? {Select(root, fields)} : {otherwise})";

    /// <summary>
    /// <c>x.size() &gt; 255 ? x.substring(0, 252) + '...' : x</c>: one line under 256 characters,
    /// cut as <c>MessageText.Clamp</c> cuts the webhook's messages.
    /// </summary>
    public static string Clamp(string x) => $"{x}.size() > 255 ? {x}.substring(0, 252) + '...' : {x}";

    /// <summary>A value of the object inside a message, as <c>MessageText.Quote</c> writes it: cut at 60 characters, no line breaks, in quotes.</summary>
    public static string Quote(string x) =>
        $"\"'\" + ({x}.size() > 60 ? {x}.substring(0, 57) + '...' : {x}).replace('\\n', ' ').replace('\\r', ' ').replace('\\t', ' ') + \"'\"";
}
