using System.Text;
using System.Text.Json;

namespace AcrGuard.FakeKubeApi;

/// <summary>
/// kube-apiserver's continue token: base64 of <c>{"v":"meta.k8s.io/v1","rv":N,"start":"key\u0000"}</c>,
/// the list's resourceVersion and the key to continue after. Opaque to clients.
/// </summary>
public static class ContinueToken
{
    public static string Encode(long resourceVersion, string lastKey) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["v"] = "meta.k8s.io/v1",
            ["rv"] = resourceVersion,
            ["start"] = lastKey + "\u0000",
        }));

    public static bool TryDecode(string token, out long resourceVersion, out string start)
    {
        resourceVersion = 0;
        start = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            var root = document.RootElement;
            if (root.GetProperty("v").GetString() != "meta.k8s.io/v1")
            {
                return false;
            }

            resourceVersion = root.GetProperty("rv").GetInt64();
            start = root.GetProperty("start").GetString() ?? string.Empty;
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}
