namespace AcrGuard.Repairs.Syntax;

/// <summary>
/// A node of a manifest's text, YAML or JSON, with where it is: what a repair needs to change the
/// text at its place and nowhere else. <see cref="End"/> is one past the node's last character of
/// content (past the closing bracket of a flow collection, past the last value of a block one).
/// </summary>
internal abstract class SyntaxNode
{
    public int Start { get; init; }

    public int End { get; set; }

    /// <summary>An anchor, an alias or an explicit tag: the node's text is not its value alone, or is used elsewhere too.</summary>
    public bool Marked { get; init; }

    /// <summary>The mapping entry this node is the value of; null for the document's root and list items.</summary>
    public MapEntry? Owner { get; set; }

    /// <summary>The mapping this node is in (as a key's value), or null.</summary>
    public MapNode? Parent { get; set; }
}
