namespace AcrGuard.Repairs.Syntax;

/// <summary>A key and its value in a mapping.</summary>
internal sealed record MapEntry(ScalarNode Key, SyntaxNode Value);

/// <summary>A mapping: a YAML block or flow mapping, or a JSON object (always flow).</summary>
internal sealed class MapNode : SyntaxNode
{
    /// <summary>Written in braces: a JSON object or a YAML flow mapping; otherwise a YAML block mapping, one entry per line.</summary>
    public bool Flow { get; init; }

    public List<MapEntry> Entries { get; } = [];

    /// <summary>A key that is not a scalar, or a merge key (<c>&lt;&lt;</c>): entries come from elsewhere in the text.</summary>
    public bool HasForeignEntries { get; set; }

    /// <summary>Flow only: where the closing brace is.</summary>
    public int Close => End - 1;
}

/// <summary>A list; repairs only walk through it, to the items of a <c>kind: List</c>.</summary>
internal sealed class ListNode : SyntaxNode
{
    public List<SyntaxNode> Items { get; } = [];
}

/// <summary>A YAML alias (<c>*name</c>): its value is written at its anchor.</summary>
internal sealed class AliasNode : SyntaxNode;
