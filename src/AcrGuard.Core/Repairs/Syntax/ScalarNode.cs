namespace AcrGuard.Repairs.Syntax;

/// <summary>How a scalar is written, which decides how a renamed key keeps its quoting.</summary>
internal enum ScalarQuote
{
    Plain,
    Single,
    Double,

    /// <summary>A YAML literal (<c>|</c>) or folded (<c>&gt;</c>) block: it spans lines of its own.</summary>
    Block,
}

/// <summary>A scalar (a key or a value) as written: its value and its quoting.</summary>
internal sealed class ScalarNode : SyntaxNode
{
    public required string Value { get; init; }

    public ScalarQuote Quote { get; init; }

    /// <summary>YAML's null (<c>~</c>, <c>null</c>, nothing) or JSON's <c>null</c>.</summary>
    public bool IsNull { get; init; }
}
