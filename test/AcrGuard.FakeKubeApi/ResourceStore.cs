namespace AcrGuard.FakeKubeApi;

/// <summary>The objects of one resource, kept in etcd's key order for paging.</summary>
public sealed class ResourceStore(ApiResource resource)
{
    private readonly Dictionary<string, StoredObject> objects = new(StringComparer.Ordinal);
    private string[]? sorted;

    public ApiResource Resource { get; } = resource;

    public int Count => objects.Count;

    public StoredObject? Find(string key) => objects.GetValueOrDefault(key);

    public void Put(StoredObject stored)
    {
        if (!objects.ContainsKey(stored.Key))
        {
            sorted = null;
        }

        objects[stored.Key] = stored;
    }

    public bool Remove(string key)
    {
        sorted = null;
        return objects.Remove(key);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> matching objects after <paramref name="after"/> (exclusive),
    /// in one namespace or all; <paramref name="more"/> when keys are left in the range.
    /// </summary>
    public List<StoredObject> Page(string? ns, string after, int limit, LabelSelector selector, out bool more, out int remaining)
    {
        sorted ??= SortedKeys();
        var prefix = ns is null ? string.Empty : ns + "/";
        var from = Math.Max(LowerBound(sorted, prefix), after.Length == 0 ? 0 : UpperBound(sorted, after));
        var page = new List<StoredObject>(Math.Min(limit, 1024));
        var i = from;
        for (; i < sorted.Length && sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            if (page.Count == limit)
            {
                break;
            }

            var stored = objects[sorted[i]];
            if (selector.Matches(stored.Labels))
            {
                page.Add(stored);
            }
        }

        more = i < sorted.Length && sorted[i].StartsWith(prefix, StringComparison.Ordinal);
        remaining = 0;
        for (var j = i; more && j < sorted.Length && sorted[j].StartsWith(prefix, StringComparison.Ordinal); j++)
        {
            remaining++;
        }

        return page;
    }

    private string[] SortedKeys()
    {
        var keys = objects.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }

    private static int LowerBound(string[] keys, string value)
    {
        int lo = 0, hi = keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(keys[mid], value) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(string[] keys, string value)
    {
        int lo = 0, hi = keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(keys[mid], value) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
