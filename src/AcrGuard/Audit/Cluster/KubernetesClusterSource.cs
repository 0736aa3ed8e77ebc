using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace AcrGuard.Audit.Cluster;

/// <summary>
/// The thin transport: KubernetesClient's configured client (server, TLS, credentials, token
/// refresh) for every call, each sent through its HTTP pipeline as JSON (lists, discovery and the
/// report resources): the custom objects API cannot address the core group (<c>/api/v1</c>), the
/// typed lists would bind every field of every object where the rules' reader reads only the few
/// it judges (ObjectReader, straight from the bytes), and the typed calls bind bodies by reflection, which the native build
/// does not have.
/// </summary>
public sealed class KubernetesClusterSource(Kubernetes client) : IClusterSource, IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private byte[]? spare;

    public string Server { get; } = client.BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public async Task<ListPage> ListAsync(AuditedKind kind, string? ns, string? labelSelector, int limit, string? continueToken, CancellationToken cancellation)
    {
        var query = $"?limit={limit}";
        if (!string.IsNullOrEmpty(labelSelector))
        {
            query += $"&labelSelector={Uri.EscapeDataString(labelSelector)}";
        }

        if (continueToken is not null)
        {
            query += $"&continue={Uri.EscapeDataString(continueToken)}";
        }

        var what = $"listing {kind}" + (ns is null ? string.Empty : $" in {ns}");
        var (body, length) = await GetAsync(kind.CollectionPath(ns) + query, what, Interlocked.Exchange(ref spare, null), cancellation).ConfigureAwait(false);
        try
        {
            return ListPage.Read(body, length, Release);
        }
        catch (JsonException e)
        {
            Release(body);
            throw NotJson(what, e);
        }
    }

    // The pages of an audit are read one after the other: each into the buffer the last one
    // released, so that their bytes take the memory of the largest, not of as many as were read.
    private void Release(byte[] buffer) => Volatile.Write(ref spare, buffer);

    public async Task<IReadOnlyList<ServedResource>> DiscoverAsync(string group, string version, CancellationToken cancellation)
    {
        var groupVersion = group.Length == 0 ? version : $"{group}/{version}";
        using var document = await GetJsonAsync(group.Length == 0 ? $"api/{version}" : $"apis/{groupVersion}", $"discovering {groupVersion}", cancellation).ConfigureAwait(false);
        return ServedResource.ReadList(document.RootElement);
    }

    private async Task<JsonDocument> GetJsonAsync(string path, string what, CancellationToken cancellation)
    {
        var (body, length) = await GetAsync(path, what, null, cancellation).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(body.AsMemory(0, length));
        }
        catch (JsonException e)
        {
            throw NotJson(what, e);
        }
    }

    private ClusterException NotJson(string what, JsonException e) => new($"{Server}: {what}: the answer is not JSON: {e.Message}", inner: e);

    // The body of a GET that succeeded, read into buffer (grown as needed) or a new one.
    private async Task<(byte[] Body, int Length)> GetAsync(string path, string what, byte[]? buffer, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.Add(Json);
        try
        {
            if (client.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, cancellation).ConfigureAwait(false);
            }

            using var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
                throw Refused(what, response.StatusCode, body);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await ReadAllAsync(stream, buffer ?? new byte[(int)Math.Clamp(response.Content.Headers.ContentLength ?? 0, 16 * 1024, 4 * 1024 * 1024)], what, cancellation).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not ClusterException and not OperationCanceledException || e is TaskCanceledException { InnerException: TimeoutException })
        {
            throw Unreachable(what, e);
        }
    }

    // An answer larger than any page a server sends (kube-apiserver caps a request's body at 3 MiB
    // and an object at etcd's 1.5 MiB; 500 of those is 750 MiB) is refused, not read until memory ends.
    internal const int MaxAnswerBytes = 1 << 30;

    private async Task<(byte[] Body, int Length)> ReadAllAsync(Stream stream, byte[] buffer, string what, CancellationToken cancellation)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length >= MaxAnswerBytes)
                {
                    throw new ClusterException($"{Server}: {what}: the answer is larger than {MaxAnswerBytes / (1 << 20)} MiB: list with a smaller --page-size");
                }

                Array.Resize(ref buffer, (int)Math.Min(MaxAnswerBytes, 2L * buffer.Length));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellation).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
        }
    }

    public async Task<JsonObject?> GetAsync(AuditedKind kind, string? ns, string name, CancellationToken cancellation)
    {
        var what = $"reading {kind} {Where(ns, name)}";
        var (status, body) = await SendAsync(HttpMethod.Get, ObjectPath(kind, ns, name), null, what, cancellation).ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound && IsObjectNotFound(body))
        {
            return null;
        }

        Ensure(what, status, body);
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new ClusterException($"{Server}: {what}: the answer is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new ClusterException($"{Server}: {what}: the answer is not JSON: {e.Message}", inner: e);
        }
    }

    public async Task CreateAsync(AuditedKind kind, string? ns, JsonObject body, CancellationToken cancellation)
    {
        var what = $"creating {kind} {Where(ns, NameOf(body))}";
        var (status, answer) = await SendAsync(HttpMethod.Post, kind.CollectionPath(ns), body, what, cancellation).ConfigureAwait(false);
        Ensure(what, status, answer);
    }

    public async Task ReplaceAsync(AuditedKind kind, string? ns, string name, JsonObject body, CancellationToken cancellation)
    {
        var what = $"replacing {kind} {Where(ns, name)}";
        var (status, answer) = await SendAsync(HttpMethod.Put, ObjectPath(kind, ns, name), body, what, cancellation).ConfigureAwait(false);
        Ensure(what, status, answer);
    }

    public async Task<bool> DeleteAsync(AuditedKind kind, string? ns, string name, CancellationToken cancellation)
    {
        var what = $"deleting {kind} {Where(ns, name)}";
        var (status, body) = await SendAsync(HttpMethod.Delete, ObjectPath(kind, ns, name), null, what, cancellation).ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound && IsObjectNotFound(body))
        {
            return false;
        }

        Ensure(what, status, body);
        return true;
    }

    public void Dispose() => client.Dispose();

    /// <summary>
    /// One request through the client's own pipeline, as the lists go: KubernetesClient's typed
    /// custom-object calls bind bodies by reflection, which the native build does not have.
    /// </summary>
    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, JsonObject? body, string what, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, new Uri(client.BaseUri, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.Add(Json);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        try
        {
            if (client.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, cancellation).ConfigureAwait(false);
            }

            using var response = await client.HttpClient.SendAsync(request, cancellation).ConfigureAwait(false);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not ClusterException and not OperationCanceledException || e is TaskCanceledException { InnerException: TimeoutException })
        {
            throw Unreachable(what, e);
        }
    }

    private void Ensure(string what, HttpStatusCode status, string body)
    {
        if ((int)status is < 200 or > 299)
        {
            throw Refused(what, status, body);
        }
    }

    private static string ObjectPath(AuditedKind kind, string? ns, string name) => $"{kind.CollectionPath(ns)}/{Uri.EscapeDataString(name)}";

    private ClusterException Refused(string what, HttpStatusCode status, string? body)
    {
        var code = (int)status;
        var message = MessageOf(body);
        var text = $"{Server} answered HTTP {code} {StatusText(status)} {what}" + (message is null ? string.Empty : $": {message}");
        return new ClusterException(text, code, ReasonOf(body));
    }

    private ClusterException Unreachable(string what, Exception e)
    {
        var cause = e;
        while (cause.InnerException is not null && cause is HttpRequestException or TaskCanceledException)
        {
            cause = cause.InnerException;
        }

        // Credentials come before the request: an exec plugin that fails or a token file that is
        // gone is not an unreachable server.
        var verb = e is HttpRequestException or TaskCanceledException or IOException ? "cannot reach" : "cannot get credentials for";
        return new ClusterException($"{verb} {Server} {what}: {cause.Message.TrimEnd('.')}", inner: e);
    }

    private static string StatusText(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Unauthorized",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.Gone => "Gone",
        HttpStatusCode.Conflict => "Conflict",
        _ => status.ToString(),
    };

    // A Status object's message says what the server meant ("pods is forbidden: User ... cannot list").
    private static string? MessageOf(string? body) => StatusField(body, "message") is { Length: > 0 } message ? message : null;

    private static string? ReasonOf(string? body) => StatusField(body, "reason");

    // A 404 for an object carries details.name; a 404 for a resource the server does not serve
    // (CRD not installed) carries none: "the server could not find the requested resource".
    private static bool IsObjectNotFound(string? body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? string.Empty);
            return document.RootElement.TryGetProperty("details", out var details)
                && details.ValueKind == JsonValueKind.Object
                && details.TryGetProperty("name", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? StatusField(string? body, string field)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(field, out var value)
                && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Where(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    private static string NameOf(JsonObject body) =>
        body["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
}
