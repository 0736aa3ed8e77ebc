using System.Text.Json.Nodes;

namespace AcrGuard.FakeKubeApi;

/// <summary>One object as stored: its key, labels, and the bytes it has in a list (kept ready, so a page of 500 costs a copy).</summary>
public sealed record StoredObject(string Namespace, string Name, IReadOnlyDictionary<string, string> Labels, long ResourceVersion, byte[] ListJson, JsonObject? Whole)
{
    /// <summary>etcd's key order: namespace/name as bytes.</summary>
    public string Key => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
