namespace AcrGuard.Annotations;

/// <summary>
/// The annotations of one metadata block (a Pod's, a workload's, a pod template's) that a rule can
/// act on: the pull keys ECI reads, and the keys that look like one (<see cref="KeyLookalike"/>,
/// AG007). Every other key (kubectl's last-applied configuration, Prometheus' scrape settings, ...)
/// decides nothing here and is not kept: the reader steps over it without making a string of it.
/// </summary>
public sealed class AnnotationSet
{
    private readonly List<Annotation> items;

    /// <summary>The annotations of a map, as KubernetesClient's models carry them; a repeated key keeps its last value.</summary>
    public AnnotationSet(string metadataPath, IEnumerable<KeyValuePair<string, string>>? annotations)
        : this(metadataPath)
    {
        foreach (var (key, value) in annotations ?? [])
        {
            if (Keeps(key))
            {
                Set(key, value);
            }
        }
    }

    internal AnnotationSet(string metadataPath)
    {
        MetadataPath = metadataPath;
        items = [];
    }

    /// <summary>The path of the metadata block, e.g. <c>spec.template.metadata</c>.</summary>
    public string MetadataPath { get; }

    /// <summary>The pull keys and their lookalikes, in the order of the map.</summary>
    public IReadOnlyList<Annotation> Items => items;

    public static AnnotationSet Empty(string metadataPath) => new(metadataPath);

    /// <summary>Whether a key is one a rule acts on: a pull key, or one that looks like a pull key.</summary>
    public static bool Keeps(ReadOnlySpan<char> key) => AcrAnnotationKeys.IsPullKey(key) || KeyLookalike.IntendedKey(key) is not null;

    public bool Contains(string key) => IndexOf(key) >= 0;

    public string? ValueOf(string key) => IndexOf(key) is var i and >= 0 ? items[i].Value : null;

    public string PathOf(string key) =>
        MetadataPath.Length == 0 ? $"annotations['{key}']" : $"{MetadataPath}.annotations['{key}']";

    /// <summary>Whether any key ECI reads for secret-free pulls is present.</summary>
    public bool HasPullAnnotations()
    {
        foreach (var key in AcrAnnotationKeys.InOrder)
        {
            if (Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds a kept key, or replaces its value where it was set before: the last value wins, as in a map.</summary>
    internal void Set(string key, string? value)
    {
        var annotation = new Annotation(key, value ?? string.Empty, MetadataPath);
        if (IndexOf(key) is var i and >= 0)
        {
            items[i] = annotation;
        }
        else
        {
            items.Add(annotation);
        }
    }

    // A handful of items at most: a scan costs less than a dictionary.
    private int IndexOf(string key)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }
}
