namespace AcrGuard.Annotations;

/// <summary>
/// An ACR pull annotation value: a comma-separated list whose items are trimmed. The docs show a
/// single item only; lists are inferred from the plural keys, so they are accepted. An empty item
/// (a trailing comma, an empty value) is kept so that the rules can call it malformed.
/// </summary>
public static class AnnotationValueList
{
    public static IReadOnlyList<string> Items(string value)
    {
        var parts = value.Split(',');
        var items = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            items[i] = parts[i].Trim();
        }

        return items;
    }
}
