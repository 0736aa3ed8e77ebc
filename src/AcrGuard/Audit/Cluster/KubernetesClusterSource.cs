using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

namespace AcrGuard.Audit.Cluster;

/// <summary>
/// The thin transport: KubernetesClient's configured client (server, TLS, credentials, token
/// refresh) for every call. The report resources go through its custom objects API. Lists and
/// discovery are sent through the same client's HTTP pipeline and read as JSON: the custom objects API
/// cannot address the core group (<c>/api/v1</c>), and the typed lists would bind every field of
/// every object, where the rules' reader binds only the few it judges (BoundFields).
/// </summary>
public sealed class KubernetesClusterSource(Kubernetes client) : IClusterSource, IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

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
        return new ListPage(await GetJsonAsync(kind.CollectionPath(ns) + query, what, cancellation).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<ServedResource>> DiscoverAsync(string group, string version, CancellationToken cancellation)
    {
        var groupVersion = group.Length == 0 ? version : $"{group}/{version}";
        using var document = await GetJsonAsync(group.Length == 0 ? $"api/{version}" : $"apis/{groupVersion}", $"discovering {groupVersion}", cancellation).ConfigureAwait(false);
        return ServedResource.ReadList(document.RootElement);
    }

    private async Task<JsonDocument> GetJsonAsync(string path, string what, CancellationToken cancellation)
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
                return await JsonDocument.ParseAsync(stream, default, cancellation).ConfigureAwait(false);
            }
        }
        catch (JsonException e)
        {
            throw new ClusterException($"{Server}: {what}: the answer is not JSON: {e.Message}", inner: e);
        }
        catch (Exception e) when (e is not ClusterException and not OperationCanceledException || e is TaskCanceledException { InnerException: TimeoutException })
        {
            throw Unreachable(what, e);
        }
    }

    public Task<JsonObject?> GetAsync(AuditedKind kind, string? ns, string name, CancellationToken cancellation) =>
        Call($"reading {kind} {Where(ns, name)}", async () =>
        {
            try
            {
                using var response = ns is null
                    ? await client.CustomObjects.GetClusterCustomObjectWithHttpMessagesAsync<JsonObject>(kind.Group, kind.Version, kind.Plural, name, cancellationToken: cancellation).ConfigureAwait(false)
                    : await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<JsonObject>(kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken: cancellation).ConfigureAwait(false);
                return response.Body;
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound && IsObjectNotFound(e.Response.Content))
            {
                return null;
            }
        });

    public Task CreateAsync(AuditedKind kind, string? ns, JsonObject body, CancellationToken cancellation) =>
        Call($"creating {kind} {Where(ns, NameOf(body))}", async () =>
        {
            using var response = ns is null
                ? await client.CustomObjects.CreateClusterCustomObjectWithHttpMessagesAsync(body, kind.Group, kind.Version, kind.Plural, cancellationToken: cancellation).ConfigureAwait(false)
                : await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync(body, kind.Group, kind.Version, ns, kind.Plural, cancellationToken: cancellation).ConfigureAwait(false);
            return true;
        });

    public Task ReplaceAsync(AuditedKind kind, string? ns, string name, JsonObject body, CancellationToken cancellation) =>
        Call($"replacing {kind} {Where(ns, name)}", async () =>
        {
            using var response = ns is null
                ? await client.CustomObjects.ReplaceClusterCustomObjectWithHttpMessagesAsync(body, kind.Group, kind.Version, kind.Plural, name, cancellationToken: cancellation).ConfigureAwait(false)
                : await client.CustomObjects.ReplaceNamespacedCustomObjectWithHttpMessagesAsync(body, kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken: cancellation).ConfigureAwait(false);
            return true;
        });

    public Task<bool> DeleteAsync(AuditedKind kind, string? ns, string name, CancellationToken cancellation) =>
        Call($"deleting {kind} {Where(ns, name)}", async () =>
        {
            try
            {
                using var response = ns is null
                    ? await client.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync(kind.Group, kind.Version, kind.Plural, name, cancellationToken: cancellation).ConfigureAwait(false)
                    : await client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken: cancellation).ConfigureAwait(false);
                return true;
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound && IsObjectNotFound(e.Response.Content))
            {
                return false;
            }
        });

    public void Dispose() => client.Dispose();

    private async Task<T> Call<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response is not null)
        {
            throw Refused(what, e.Response.StatusCode, e.Response.Content);
        }
        catch (Exception e) when (e is not ClusterException and not OperationCanceledException || e is TaskCanceledException { InnerException: TimeoutException })
        {
            throw Unreachable(what, e);
        }
    }

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
