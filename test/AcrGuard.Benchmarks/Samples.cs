using System.Text;
using AcrGuard.Manifests;
using AcrGuard.Workloads;

namespace AcrGuard.Benchmarks;

/// <summary>Realistic objects for the benchmarks: the source document's scenarios and the examples.</summary>
public static class Samples
{
    public static string Asset(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "assets", name));

    public static string CrossAccountDeployment => Asset("3-cross-account-deployment-good.yaml");

    public static string CrossAccountImageCache => Asset("3-cross-account-imagecache-good.yaml");

    public static string Pod => """
        apiVersion: v1
        kind: Pod
        metadata:
          name: nginx-test
          namespace: shop
          labels: {app: nginx, alibabacloud.com/eci: "true"}
          annotations:
            k8s.aliyun.com/acr-instance-ids: "cri-j36zhodptmyq1234"
            k8s.aliyun.com/acr-service-arns: "acs:ram::1609982529123456:role/role-assume"
            k8s.aliyun.com/acr-user-arns: "acs:ram::1298452580123456:role/role-acr"
        spec:
          containers:
          - name: nginx
            image: test1234-registry.example.com/eci_test/nginx:1.0
            ports: [{containerPort: 80}]
        """;

    public static string CronJob => Asset(Path.Combine("examples", "good", "cronjob-personal-edition.yaml")).Split("\n---\n")[0];

    /// <summary>A multi-document stream of realistic manifests, as `helm template` of a large chart would print.</summary>
    public static string Stream(int objects)
    {
        string[] kinds = [CrossAccountDeployment, Pod, CronJob, CrossAccountImageCache];
        var text = new StringBuilder();
        for (var i = 0; i < objects; i++)
        {
            text.Append("---\n").Append(kinds[i % kinds.Length].Replace("name: ", $"name: n{i}-", StringComparison.Ordinal)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The objects of <paramref name="yaml"/> as one indented <c>kind: List</c>, as <c>kubectl get -o json</c> prints them.</summary>
    public static string JsonList(string yaml)
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("apiVersion", "v1");
            json.WriteString("kind", "List");
            json.WriteStartArray("items");
            foreach (var document in ManifestLoader.Load("bench.yaml", yaml))
            {
                document.Root.WriteTo(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static KubeObject Read(string yaml)
    {
        foreach (var document in ManifestLoader.Load("bench.yaml", yaml))
        {
            return ObjectReader.Read(document.Root.Clone());
        }

        throw new InvalidOperationException("no document");
    }
}
