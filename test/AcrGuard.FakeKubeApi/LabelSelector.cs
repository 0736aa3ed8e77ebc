namespace AcrGuard.FakeKubeApi;

/// <summary>Equality-based label selectors (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a</c>, <c>!a</c>), as kube-apiserver reads them.</summary>
public sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> terms = [];

    private LabelSelector()
    {
    }

    public static LabelSelector Everything { get; } = new();

    /// <summary>Null with <paramref name="error"/> set when the selector cannot be read.</summary>
    public static LabelSelector? Parse(string? text, out string? error)
    {
        error = null;
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            if (term.Contains('(', StringComparison.Ordinal) || term.Length == 0)
            {
                error = $"unable to parse requirement: {term}";
                return null;
            }

            if (term.Contains("!=", StringComparison.Ordinal))
            {
                var (key, value) = Split(term, "!=");
                selector.terms.Add(labels => !labels.TryGetValue(key, out var v) || v != value);
            }
            else if (term.Contains('=', StringComparison.Ordinal))
            {
                var (key, value) = Split(term, term.Contains("==", StringComparison.Ordinal) ? "==" : "=");
                selector.terms.Add(labels => labels.TryGetValue(key, out var v) && v == value);
            }
            else if (term.StartsWith('!'))
            {
                var key = term[1..];
                selector.terms.Add(labels => !labels.ContainsKey(key));
            }
            else
            {
                selector.terms.Add(labels => labels.ContainsKey(term));
            }
        }

        return selector;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => terms.TrueForAll(t => t(labels));

    private static (string Key, string Value) Split(string term, string op)
    {
        var at = term.IndexOf(op, StringComparison.Ordinal);
        return (term[..at].Trim(), term[(at + op.Length)..].Trim());
    }
}
