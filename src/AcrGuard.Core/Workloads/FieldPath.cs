namespace AcrGuard.Workloads;

/// <summary>
/// Where a field of the object view is (<c>spec.template.spec.containers[0].image</c>), held as its
/// parts: the text is made only for an error, so reading a valid object makes no path strings.
/// </summary>
/// <param name="Parent">The path of the object holding the field, e.g. <c>spec.template.spec</c>; empty at the root.</param>
/// <param name="Field">The field, e.g. <c>containers</c>.</param>
/// <param name="Index">The item of a list field, or -1.</param>
/// <param name="Item">A field of that item, e.g. <c>image</c>.</param>
internal readonly record struct FieldPath(string Parent, string Field, int Index = -1, string? Item = null)
{
    /// <summary>A whole path known in advance, e.g. <c>spec.template.metadata</c>.</summary>
    public static FieldPath Of(string path) => new(string.Empty, path);

    public FieldPath At(int index) => this with { Index = index };

    public FieldPath At(int index, string item) => this with { Index = index, Item = item };

    public override string ToString()
    {
        var at = Parent.Length == 0 ? Field : $"{Parent}.{Field}";
        if (Index >= 0)
        {
            at = $"{at}[{Index}]";
        }

        return Item is null ? at : $"{at}.{Item}";
    }
}
