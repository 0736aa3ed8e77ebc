using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AcrGuard.Audit;

/// <summary>
/// One item of a list page: what the audit needs from its metadata (where it is, its uid, its
/// controller), and its JSON as <see cref="Workloads.ObjectReader"/> reads it.
/// </summary>
public readonly record struct ListedItem(string Namespace, string Name, string Uid, string? ControllerUid)
{
    /// <summary>
    /// kube-apiserver lists in the order of its storage keys, <c>namespace/name</c> compared as
    /// bytes (etcd3's range reads, and the watch cache that serves lists the same way): the items
    /// already judged before a 410 are exactly those whose key is not after the last one judged.
    /// </summary>
    public string Key => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";

    public static ListedItem Read(JsonElement item)
    {
        string ns = string.Empty, name = string.Empty, uid = string.Empty;
        string? controller = null;
        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            ns = Text(metadata, "namespace");
            name = Text(metadata, "name");
            uid = Text(metadata, "uid");
            if (metadata.TryGetProperty("ownerReferences", out var owners) && owners.ValueKind == JsonValueKind.Array)
            {
                foreach (var owner in owners.EnumerateArray())
                {
                    if (owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty("controller", out var flag) && flag.ValueKind == JsonValueKind.True)
                    {
                        controller = Text(owner, "uid");
                        break;
                    }
                }
            }
        }

        return new ListedItem(ns, name, uid, controller);
    }

    /// <summary>
    /// The item as a whole object. Items of a built-in kind's list carry no apiVersion or kind
    /// (kube-apiserver leaves them to the list); the rules' reader needs both first, so they are
    /// written in front of the item's own bytes. Custom resources' items carry them already.
    /// </summary>
    public static ReadOnlySpan<byte> WithHeader(JsonElement item, AuditedKind kind, ArrayBufferWriter<byte> buffer)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(item);
        if (item.ValueKind != JsonValueKind.Object || (item.TryGetProperty("apiVersion"u8, out _) && item.TryGetProperty("kind"u8, out _)))
        {
            return raw;
        }

        buffer.ResetWrittenCount();
        Write(buffer, "{\"apiVersion\":");
        Write(buffer, Quoted(kind.ApiVersion));
        Write(buffer, ",\"kind\":");
        Write(buffer, Quoted(kind.Kind));
        var rest = raw[1..].TrimStart(" \t\r\n"u8);
        if (rest.Length > 0 && rest[0] != (byte)'}')
        {
            buffer.Write(","u8);
        }

        buffer.Write(rest);
        return buffer.WrittenSpan;
    }

    private static void Write(ArrayBufferWriter<byte> buffer, string text) =>
        buffer.Write(Encoding.UTF8.GetBytes(text));

    private static string Text(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return string.Empty;
        }

        try
        {
            return value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            // Not valid UTF-8: the rules' reader names the problem when it reads the object.
            return string.Empty;
        }
    }

    // A JSON string literal without reflection-based serialization (the native build has none).
    private static string Quoted(string value) => "\"" + JsonEncodedText.Encode(value).ToString() + "\"";
}
