namespace AcrGuard.Annotations;

/// <summary>
/// The annotations of one metadata block (a Pod's, a workload's, a pod template's), each with
/// its path, e.g. <c>spec.template.metadata.annotations['k8s.aliyun.com/acr-user-arns']</c>.
/// </summary>
public sealed class AnnotationSet
{
    private readonly IDictionary<string, string>? source;

    public AnnotationSet(string metadataPath, IDictionary<string, string>? annotations)
    {
        MetadataPath = metadataPath;
        source = annotations;
        var items = new List<Annotation>(annotations?.Count ?? 0);
        if (annotations is not null)
        {
            foreach (var (key, value) in annotations)
            {
                items.Add(new Annotation(key, value ?? string.Empty, PathOf(metadataPath, key)));
            }
        }

        Items = items;
    }

    /// <summary>The path of the metadata block, e.g. <c>spec.template.metadata</c>.</summary>
    public string MetadataPath { get; }

    public IReadOnlyList<Annotation> Items { get; }

    public static AnnotationSet Empty(string metadataPath) => new(metadataPath, null);

    public bool Contains(string key) => source is not null && source.ContainsKey(key);

    public string? ValueOf(string key) =>
        source is not null && source.TryGetValue(key, out var value) ? value ?? string.Empty : null;

    public string PathOf(string key) => PathOf(MetadataPath, key);

    /// <summary>Whether any key ECI reads for secret-free pulls is present.</summary>
    public bool HasPullAnnotations()
    {
        foreach (var key in AcrAnnotationKeys.All)
        {
            if (Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    private static string PathOf(string metadataPath, string key) =>
        metadataPath.Length == 0 ? $"annotations['{key}']" : $"{metadataPath}.annotations['{key}']";
}
