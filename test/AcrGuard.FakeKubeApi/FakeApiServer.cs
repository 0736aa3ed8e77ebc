using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AcrGuard.FakeKubeApi;

/// <summary>
/// A kube-apiserver in the test process, on 127.0.0.1 over plain HTTP: the real list semantics
/// (limit and continue with opaque tokens, resourceVersion, 410 Gone once etcd has compacted a
/// token's revision), bearer-token authentication (401), per-resource 403, 404 for resources not
/// served (CRDs not installed) and objects not found, and create/replace/get/delete with
/// resourceVersion conflicts, each error a Status object as kube-apiserver writes it; and API
/// discovery (<c>/api/v1</c>, <c>/apis/{group}/{version}</c>) of what is installed.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceStore> stores = [];
    private readonly HashSet<ApiResource> forbidden = [];
    private readonly HashSet<string> forbiddenDiscovery = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ApiRequest> requests = new();
    private WebApplication? app;
    private long resourceVersion = 1000;
    private long compactedThrough;
    private long served;
    private long servingTicks;
    private long bytesSent;

    private FakeApiServer()
    {
        foreach (var resource in ApiResource.BuiltIn)
        {
            Install(resource);
        }
    }

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The bearer token the server accepts; anything else is 401.</summary>
    public string Token { get; } = "fake-" + Guid.NewGuid().ToString("N");

    /// <summary>Off for large runs: the log keeps every request.</summary>
    public bool LogRequests { get; set; } = true;

    /// <summary>Called with each authenticated request before it is answered: tests compact or change objects here.</summary>
    public Action<ApiRequest>? OnRequest { get; set; }

    public IReadOnlyList<ApiRequest> Requests => [.. requests];

    public ServerStats Stats => new(Interlocked.Read(ref served), TimeSpan.FromTicks(Interlocked.Read(ref servingTicks)), Interlocked.Read(ref bytesSent));

    public static async Task<FakeApiServer> StartAsync(int port = 0)
    {
        var server = new FakeApiServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        server.app = app;
        return server;
    }

    /// <summary>Serves a resource, as installing its CRD does.</summary>
    public void Install(ApiResource resource)
    {
        lock (gate)
        {
            stores.TryAdd((resource.Group, resource.Version, resource.Plural), new ResourceStore(resource));
        }
    }

    /// <summary>Every request for the resource gets 403, as RBAC without that rule answers.</summary>
    public void Forbid(ApiResource resource)
    {
        lock (gate)
        {
            forbidden.Add(resource);
        }
    }

    /// <summary>
    /// Discovery of the group/version gets 403, as a cluster answers a user whose
    /// system:discovery binding was taken away.
    /// </summary>
    public void ForbidDiscovery(string group, string version)
    {
        lock (gate)
        {
            forbiddenDiscovery.Add(group.Length == 0 ? version : $"{group}/{version}");
        }
    }

    /// <summary>etcd compacts: every continue token issued so far is expired (410 Gone).</summary>
    public void Compact()
    {
        lock (gate)
        {
            compactedThrough = resourceVersion;
            resourceVersion++;
        }
    }

    /// <summary>A kubeconfig for this server with its token (or another token), as a user would have it.</summary>
    public string WriteKubeconfig(string path, string? token = null, string context = "fake")
    {
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: fake-cluster
                cluster:
                  server: {Url.ToString().TrimEnd('/')}
            users:
              - name: fake-user
                user:
                  token: {token ?? Token}
            contexts:
              - name: {context}
                context:
                  cluster: fake-cluster
                  user: fake-user
            current-context: {context}

            """);
        return path;
    }

    /// <summary>Adds an object (JSON with apiVersion and kind), filling in uid, resourceVersion and creationTimestamp as the server would.</summary>
    public JsonObject Add(string json) => Add(JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("not a JSON object", nameof(json)));

    public JsonObject Add(JsonObject obj)
    {
        var resource = ResourceOf(obj);
        var metadata = obj["metadata"] as JsonObject ?? throw new ArgumentException("no metadata", nameof(obj));
        if (resource.Namespaced)
        {
            metadata["namespace"] ??= "default";
            var ns = metadata["namespace"]!.GetValue<string>();
            lock (gate)
            {
                if (Store(ApiResource.Namespaces).Find(ns) is null)
                {
                    Add(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
                }
            }
        }

        metadata["uid"] ??= Guid.NewGuid().ToString();
        metadata["creationTimestamp"] ??= "2026-01-01T00:00:00Z";
        lock (gate)
        {
            Store(resource).Put(Stored(resource, obj, ++resourceVersion));
        }

        return obj;
    }

    /// <summary>
    /// Adds an object from its list bytes directly (no apiVersion or kind for built-in kinds), for
    /// generating large clusters quickly; the caller gives what the server would otherwise read.
    /// </summary>
    public void AddRaw(ApiResource resource, string ns, string name, IReadOnlyDictionary<string, string> labels, byte[] listJson)
    {
        lock (gate)
        {
            Store(resource).Put(new StoredObject(resource.Namespaced ? ns : string.Empty, name, labels, ++resourceVersion, listJson, null));
        }
    }

    /// <summary>The object as GET would return it, or null.</summary>
    public JsonObject? Get(ApiResource resource, string? ns, string name)
    {
        lock (gate)
        {
            var stored = StoreOrNull(resource)?.Find(ns is null || !resource.Namespaced ? name : $"{ns}/{name}");
            return stored is null ? null : Whole(resource, stored);
        }
    }

    public bool Delete(ApiResource resource, string? ns, string name)
    {
        lock (gate)
        {
            return StoreOrNull(resource)?.Remove(ns is null || !resource.Namespaced ? name : $"{ns}/{name}") == true;
        }
    }

    public int Count(ApiResource resource)
    {
        lock (gate)
        {
            return StoreOrNull(resource)?.Count ?? 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/fake/stats")
        {
            // For scripts: the server's share of a run, outside the API paths and uncounted.
            var stats = Stats;
            await context.Response.WriteAsJsonAsync(new { requests = stats.Requests, servingSeconds = stats.Serving.TotalSeconds, bytesSent = stats.BytesSent }).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var (status, body) = Answer(context.Request);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
        Interlocked.Increment(ref served);
        Interlocked.Add(ref bytesSent, body.Length);
        Interlocked.Add(ref servingTicks, Stopwatch.GetElapsedTime(started).Ticks);
    }

    private (int Status, byte[] Body) Answer(HttpRequest http)
    {
        if (http.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            return Error(StatusBodies.Unauthorized());
        }

        var segments = http.Path.Value?.Trim('/').Split('/') ?? [];
        if (http.Method == "GET" && DiscoveredGroupVersion(segments) is { } groupVersion)
        {
            lock (gate)
            {
                return Discovery(groupVersion);
            }
        }

        ApiRequest? request;
        lock (gate)
        {
            request = Route(http, segments);
        }

        if (request is null)
        {
            return Error(StatusBodies.ResourceNotServed());
        }

        if (LogRequests)
        {
            requests.Enqueue(request);
        }

        OnRequest?.Invoke(request);
        lock (gate)
        {
            if (forbidden.Contains(request.Resource))
            {
                var verb = request.Method switch { "GET" => request.Name is null ? "list" : "get", "POST" => "create", "PUT" => "update", "DELETE" => "delete", _ => request.Method.ToLowerInvariant() };
                return Error(StatusBodies.Forbidden(request.Resource, verb, request.Namespace, "system:serviceaccount:acrguard-system:acrguard-audit"));
            }

            return request.Method switch
            {
                "GET" when request.Name is null => List(request, http.Query),
                "GET" => GetOne(request),
                "POST" when request.Name is null => Create(request, Body(http)),
                "PUT" when request.Name is not null => Replace(request, Body(http)),
                "DELETE" when request.Name is not null => DeleteOne(request),
                _ => Error(StatusBodies.Failure(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource")),
            };
        }
    }

    // /api/v1 and /apis/{group}/{version}: what a group/version serves.
    private static string? DiscoveredGroupVersion(string[] segments) => segments switch
    {
        ["api", var version] => version,
        ["apis", var group, var version] => $"{group}/{version}",
        _ => null,
    };

    /// <summary>
    /// The group/version's APIResourceList as kube-apiserver writes it: each resource with its
    /// status subresource (same kind, a name with a '/'), custom resources with their scale
    /// subresource too; 404 when nothing of that group/version is installed.
    /// </summary>
    private (int, byte[]) Discovery(string groupVersion)
    {
        if (forbiddenDiscovery.Contains(groupVersion))
        {
            var url = groupVersion.Contains('/', StringComparison.Ordinal) ? $"/apis/{groupVersion}" : $"/api/{groupVersion}";
            return Error(StatusBodies.Failure(403, "Forbidden", $"forbidden: User \"system:serviceaccount:acrguard-system:acrguard-audit\" cannot get path \"{url}\"", []));
        }

        var served = stores.Values.Select(s => s.Resource).Where(r => r.ApiVersion == groupVersion).OrderBy(r => r.Plural, StringComparer.Ordinal).ToList();
        if (served.Count == 0)
        {
            return Error(StatusBodies.ResourceNotServed());
        }

        var resources = new JsonArray();
        foreach (var resource in served)
        {
            resources.Add(new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Kind.ToLowerInvariant(),
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = new JsonArray("delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"),
                ["storageVersionHash"] = Convert.ToBase64String(BitConverter.GetBytes(resource.GetHashCode())),
            });
            resources.Add(new JsonObject
            {
                ["name"] = $"{resource.Plural}/status",
                ["singularName"] = string.Empty,
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = new JsonArray("get", "patch", "update"),
            });
            if (resource.IsCustom && resource.Namespaced)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{resource.Plural}/scale",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = true,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        var list = new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = resources };
        return (200, JsonSerializer.SerializeToUtf8Bytes(list));
    }

    // /api/v1/{plural}[/{name}], /api/v1/namespaces/{ns}/{plural}[/{name}], and /apis/{group}/{version}/... alike.
    private ApiRequest? Route(HttpRequest http, string[] segments)
    {
        int at;
        string group, version;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, at) = (string.Empty, segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, at) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        var rest = segments[at..].Select(Uri.UnescapeDataString).ToArray();
        string? ns = null;
        if (rest.Length is 3 or 4 && rest[0] == "namespaces")
        {
            ns = rest[1];
            rest = rest[2..];
        }

        if (rest.Length is < 1 or > 2 || !stores.TryGetValue((group, version, rest[0]), out var store) || (ns is not null && !store.Resource.Namespaced))
        {
            return null;
        }

        return new ApiRequest(http.Method, store.Resource, ns, rest.Length == 2 ? rest[1] : null, http.Query["continue"].FirstOrDefault(), http.Path + http.QueryString);
    }

    private (int, byte[]) List(ApiRequest request, IQueryCollection query)
    {
        var store = Store(request.Resource);
        var limit = int.TryParse(query["limit"].FirstOrDefault(), out var l) && l > 0 ? l : int.MaxValue;
        var selector = LabelSelector.Parse(query["labelSelector"].FirstOrDefault(), out var error);
        if (selector is null)
        {
            return Error(StatusBodies.BadRequest(error!));
        }

        var after = string.Empty;
        var listVersion = resourceVersion;
        if (request.Continue is { Length: > 0 } token)
        {
            if (!ContinueToken.TryDecode(token, out var tokenVersion, out var start))
            {
                return Error(StatusBodies.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)"));
            }

            after = start.TrimEnd('\0');
            if (tokenVersion <= compactedThrough)
            {
                return Error(StatusBodies.Expired(ContinueToken.Encode(resourceVersion, after)));
            }

            listVersion = tokenVersion;
        }

        var page = store.Page(request.Namespace, after, limit, selector, out var more, out var remaining);
        var output = new MemoryStream(64 + page.Sum(p => p.ListJson.Length + 1));
        var header = new StringBuilder()
            .Append($"{{\"kind\":\"{request.Resource.Kind}List\",\"apiVersion\":\"{request.Resource.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{listVersion}\"");
        if (more && page.Count > 0)
        {
            header.Append($",\"continue\":\"{ContinueToken.Encode(listVersion, page[^1].Key)}\"");
            if (query["labelSelector"].Count == 0)
            {
                header.Append($",\"remainingItemCount\":{remaining}");
            }
        }

        header.Append("},\"items\":[");
        output.Write(Encoding.UTF8.GetBytes(header.ToString()));
        for (var i = 0; i < page.Count; i++)
        {
            if (i > 0)
            {
                output.WriteByte((byte)',');
            }

            output.Write(page[i].ListJson);
        }

        output.Write("]}"u8);
        return (200, output.ToArray());
    }

    private (int, byte[]) GetOne(ApiRequest request)
    {
        var stored = Store(request.Resource).Find(Key(request));
        return stored is null
            ? Error(StatusBodies.NotFound(request.Resource, request.Name!))
            : (200, JsonSerializer.SerializeToUtf8Bytes(Whole(request.Resource, stored)));
    }

    private (int, byte[]) Create(ApiRequest request, JsonObject? body)
    {
        if (body?["metadata"]?["name"]?.GetValue<string>() is not { Length: > 0 } name)
        {
            return Error(StatusBodies.BadRequest("the body is not an object with metadata.name"));
        }

        if (ResourceOrNull(body) != request.Resource)
        {
            return Error(StatusBodies.BadRequest($"the body's apiVersion and kind are not {request.Resource.ApiVersion} {request.Resource.Kind}"));
        }

        var key = request.Namespace is null ? name : $"{request.Namespace}/{name}";
        if (Store(request.Resource).Find(key) is not null)
        {
            return Error(StatusBodies.AlreadyExists(request.Resource, name));
        }

        var metadata = body["metadata"]!.AsObject();
        if (request.Namespace is not null)
        {
            metadata["namespace"] = request.Namespace;
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
        var stored = Stored(request.Resource, body, ++resourceVersion);
        Store(request.Resource).Put(stored);
        return (201, JsonSerializer.SerializeToUtf8Bytes(Whole(request.Resource, stored)));
    }

    private (int, byte[]) Replace(ApiRequest request, JsonObject? body)
    {
        if (body?["metadata"] is not JsonObject metadata || metadata["name"]?.GetValue<string>() != request.Name)
        {
            return Error(StatusBodies.BadRequest("the name of the object does not match the name on the URL"));
        }

        var existing = Store(request.Resource).Find(Key(request));
        if (existing is null)
        {
            return Error(StatusBodies.NotFound(request.Resource, request.Name!));
        }

        if (metadata["resourceVersion"]?.GetValue<string>() is { } version && version != existing.ResourceVersion.ToString())
        {
            return Error(StatusBodies.Conflict(request.Resource, request.Name!));
        }

        var old = Whole(request.Resource, existing)["metadata"]!;
        metadata["uid"] = old["uid"]?.DeepClone();
        metadata["creationTimestamp"] = old["creationTimestamp"]?.DeepClone();
        if (request.Namespace is not null)
        {
            metadata["namespace"] = request.Namespace;
        }

        var stored = Stored(request.Resource, body, ++resourceVersion);
        Store(request.Resource).Put(stored);
        return (200, JsonSerializer.SerializeToUtf8Bytes(Whole(request.Resource, stored)));
    }

    private (int, byte[]) DeleteOne(ApiRequest request)
    {
        var store = Store(request.Resource);
        var existing = store.Find(Key(request));
        if (existing is null)
        {
            return Error(StatusBodies.NotFound(request.Resource, request.Name!));
        }

        store.Remove(existing.Key);
        var uid = Whole(request.Resource, existing)["metadata"]?["uid"]?.GetValue<string>() ?? string.Empty;
        return (200, JsonSerializer.SerializeToUtf8Bytes(StatusBodies.Deleted(request.Resource, request.Name!, uid)));
    }

    private static JsonObject? Body(HttpRequest http)
    {
        try
        {
            using var reader = new StreamReader(http.Body);
            return JsonNode.Parse(reader.ReadToEndAsync().GetAwaiter().GetResult()) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Key(ApiRequest request) => request.Namespace is null ? request.Name! : $"{request.Namespace}/{request.Name}";

    private static StoredObject Stored(ApiResource resource, JsonObject obj, long version)
    {
        var whole = obj.DeepClone().AsObject();
        var metadata = whole["metadata"]!.AsObject();
        metadata["resourceVersion"] = version.ToString();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                labels[key] = value?.GetValue<string>() ?? string.Empty;
            }
        }

        var item = whole.DeepClone().AsObject();
        if (!resource.IsCustom)
        {
            item.Remove("apiVersion");
            item.Remove("kind");
        }

        var ns = resource.Namespaced ? metadata["namespace"]?.GetValue<string>() ?? string.Empty : string.Empty;
        return new StoredObject(ns, metadata["name"]?.GetValue<string>() ?? string.Empty, labels, version, JsonSerializer.SerializeToUtf8Bytes(item), whole);
    }

    private static JsonObject Whole(ApiResource resource, StoredObject stored)
    {
        if (stored.Whole is not null)
        {
            return stored.Whole.DeepClone().AsObject();
        }

        var item = JsonNode.Parse(stored.ListJson)!.AsObject();
        var whole = new JsonObject { ["apiVersion"] = resource.ApiVersion, ["kind"] = resource.Kind };
        foreach (var (key, value) in item.ToList())
        {
            item.Remove(key);
            whole[key] = value;
        }

        return whole;
    }

    private ApiResource ResourceOf(JsonObject obj) =>
        ResourceOrNull(obj) ?? throw new ArgumentException($"the server does not serve {obj["apiVersion"]} {obj["kind"]}", nameof(obj));

    private ApiResource? ResourceOrNull(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        var kind = obj["kind"]?.GetValue<string>();
        lock (gate)
        {
            return stores.Values.Select(s => s.Resource).FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);
        }
    }

    private ResourceStore Store(ApiResource resource) =>
        StoreOrNull(resource) ?? throw new InvalidOperationException($"{resource.Plural} is not installed");

    private ResourceStore? StoreOrNull(ApiResource resource) => stores.GetValueOrDefault((resource.Group, resource.Version, resource.Plural));

    private static (int, byte[]) Error(JsonObject status) =>
        (status["code"]!.GetValue<int>(), JsonSerializer.SerializeToUtf8Bytes(status));
}
