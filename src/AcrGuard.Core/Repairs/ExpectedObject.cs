using System.Text.Json.Nodes;

namespace AcrGuard.Repairs;

/// <summary>
/// An object as JSON with annotation changes made to it: what the repaired text must read as.
/// Comparing the two proves that the edits did what the repairs say and nothing else, whatever
/// the text's layout. An empty or null <c>annotations</c> (or nested <c>metadata</c>) counts as
/// absent, as it does for Kubernetes: the text removes an emptied one with its key.
/// </summary>
internal static class ExpectedObject
{
    public static JsonNode Apply(JsonNode before, IEnumerable<AnnotationChange> changes)
    {
        var after = before.DeepClone();
        foreach (var change in changes)
        {
            var annotations = Annotations(after, change.MetadataPath, create: false);
            switch (change)
            {
                case RemoveAnnotation:
                    annotations?.Remove(change.Key);
                    break;
                case RenameAnnotation rename when annotations is not null:
                    var value = annotations[change.Key]?.DeepClone();
                    annotations.Remove(change.Key);
                    annotations[rename.NewKey] = value;
                    break;
                case CopyAnnotation copy when annotations is not null:
                    Annotations(after, copy.ToMetadataPath, create: true)![copy.NewKey] = annotations[change.Key]?.DeepClone();
                    break;
            }
        }

        return after;
    }

    public static bool Same(JsonNode expected, JsonNode actual) => JsonNode.DeepEquals(Normalized(expected), Normalized(actual));

    private static JsonObject? Annotations(JsonNode root, string metadataPath, bool create)
    {
        var node = root.AsObject();
        foreach (var segment in DocumentPath(metadataPath))
        {
            if (node[segment] is JsonObject child)
            {
                node = child;
            }
            else if (create)
            {
                node[segment] = child = [];
                node = child;
            }
            else
            {
                return null;
            }
        }

        return node;
    }

    private static IEnumerable<string> DocumentPath(string metadataPath) => [.. metadataPath.Split('.'), "annotations"];

    private static JsonNode Normalized(JsonNode node)
    {
        var copy = node.DeepClone();
        Prune(copy);
        return copy;
    }

    private static void Prune(JsonNode? node)
    {
        if (node is JsonArray list)
        {
            foreach (var item in list)
            {
                Prune(item);
            }
        }
        else if (node is JsonObject map)
        {
            foreach (var (key, value) in map.ToList())
            {
                Prune(value);
                if (key is "annotations" or "metadata" && value is null or JsonObject { Count: 0 })
                {
                    map.Remove(key);
                }
            }
        }
    }
}
