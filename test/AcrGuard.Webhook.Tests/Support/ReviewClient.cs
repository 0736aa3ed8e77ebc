using System.Net;
using System.Text;
using System.Text.Json;

namespace AcrGuard.Webhook.Tests.Support;

/// <summary>Posts a body as kube-apiserver does and reads the answer.</summary>
internal static class ReviewClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(this HttpClient client, string path, string body, string contentType = "application/json")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await client.PostBytesAsync(path, content);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostBytesAsync(this HttpClient client, string path, HttpContent content)
    {
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    public static JsonElement Response(this JsonElement review) => review.GetProperty("response");

    public static string[] Warnings(this JsonElement review) =>
        review.Response().TryGetProperty("warnings", out var warnings)
            ? [.. warnings.EnumerateArray().Select(w => w.GetString()!)]
            : [];
}
