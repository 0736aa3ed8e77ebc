using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.FakeKubeApi;
using AcrGuard.Manifests;

namespace AcrGuard.Tests.Audit;

/// <summary>A fake kube-apiserver with a kubeconfig for it, and <c>acrguard audit</c> run against it as a user would.</summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    private FakeCluster(FakeApiServer server, string kubeconfig)
    {
        Server = server;
        Kubeconfig = kubeconfig;
    }

    public FakeApiServer Server { get; }

    public string Kubeconfig { get; }

    public string Url => Server.Url.ToString().TrimEnd('/');

    public static async Task<FakeCluster> StartAsync()
    {
        var server = await FakeApiServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("acrguard-audit-").FullName;
        return new FakeCluster(server, server.WriteKubeconfig(Path.Combine(directory, "kubeconfig")));
    }

    public CliRun Audit(params string[] args) => CliRun.Of(["audit", "--kubeconfig", Kubeconfig, .. args]);

    /// <summary>Every document of a YAML text, as the API server would store it.</summary>
    public static IEnumerable<JsonObject> Documents(string yaml, string file = "test.yaml") =>
        ManifestLoader.Load(file, yaml).Select(d => JsonNode.Parse(d.Root.GetRawText())!.AsObject());

    public JsonObject Add(string yaml, string? ns = null)
    {
        JsonObject? last = null;
        foreach (var document in Documents(yaml))
        {
            if (ns is not null)
            {
                document["metadata"]!["namespace"] = ns;
            }

            last = Server.Add(document);
        }

        return last ?? throw new ArgumentException("no document", nameof(yaml));
    }

    public void AddNamespace(string name, string? mode = null)
    {
        var labels = new JsonObject { ["kubernetes.io/metadata.name"] = name };
        if (mode is not null)
        {
            labels["acrguard.io/mode"] = mode;
        }

        Server.Add(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels } });
    }

    public static JsonElement Json(CliRun run)
    {
        using var document = JsonDocument.Parse(run.Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>"Kind namespace/name" of each object an audit's JSON reports.</summary>
    public static List<string> Reported(CliRun run) =>
        [.. Json(run).GetProperty("objects").EnumerateArray().Select(o => $"{o.GetProperty("kind").GetString()} {o.GetProperty("namespace").GetString()}/{o.GetProperty("name").GetString()}")];

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
