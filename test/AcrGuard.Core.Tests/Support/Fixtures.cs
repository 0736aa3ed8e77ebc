using System.Text;

namespace AcrGuard.Core.Tests.Support;

/// <summary>
/// Realistic manifests with the pieces a test varies: annotations in a given place and images.
/// Values are real-looking (unmasked) so that only what a test sets up can fire.
/// </summary>
internal static class Fixtures
{
    public const string ServiceArn = "acs:ram::1609982529123456:role/role-assume";
    public const string UserArn = "acs:ram::1298452580123456:role/role-acr";
    public const string InstanceId = "cri-j36zhodptmyq1234";
    public const string EnterpriseImage = "test1234-registry.cn-hangzhou.cr.aliyuncs.com/eci_test/nginx:1.0";
    public const string CustomDomainImage = "test1234-registry.example.com/eci_test/nginx:1.0";

    public static string Deployment(
        IDictionary<string, string>? own = null,
        IDictionary<string, string>? template = null,
        string image = EnterpriseImage,
        string? initImage = null,
        string kind = "Deployment",
        string apiVersion = "apps/v1",
        string? extraMetadata = null)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine($"apiVersion: {apiVersion}");
        yaml.AppendLine($"kind: {kind}");
        yaml.AppendLine("metadata:");
        yaml.AppendLine("  name: web");
        yaml.AppendLine("  namespace: shop");
        if (extraMetadata is not null)
        {
            yaml.AppendLine(extraMetadata);
        }

        Annotations(yaml, own, "  ");
        yaml.AppendLine("spec:");
        yaml.AppendLine("  replicas: 2");
        yaml.AppendLine("  selector:");
        if (kind != "ReplicationController")
        {
            // A ReplicationController's selector is a plain label map.
            yaml.AppendLine("    matchLabels:");
        }

        yaml.AppendLine("      app: web".Remove(0, kind == "ReplicationController" ? 2 : 0));
        yaml.AppendLine("  template:");
        yaml.AppendLine("    metadata:");
        yaml.AppendLine("      labels:");
        yaml.AppendLine("        app: web");
        yaml.AppendLine("        alibabacloud.com/eci: \"true\"");
        Annotations(yaml, template, "      ");
        yaml.AppendLine("    spec:");
        if (initImage is not null)
        {
            yaml.AppendLine("      initContainers:");
            yaml.AppendLine("      - name: init");
            yaml.AppendLine($"        image: {initImage}");
        }

        yaml.AppendLine("      containers:");
        yaml.AppendLine("      - name: web");
        yaml.AppendLine($"        image: {image}");
        yaml.AppendLine("        ports:");
        yaml.AppendLine("        - containerPort: 80");
        return yaml.ToString();
    }

    public static string Pod(IDictionary<string, string>? annotations = null, string image = EnterpriseImage, string? labels = "        alibabacloud.com/eci: \"true\"", string? extraMetadata = null, string? extraSpec = null)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("apiVersion: v1");
        yaml.AppendLine("kind: Pod");
        yaml.AppendLine("metadata:");
        yaml.AppendLine("  name: nginx-test");
        yaml.AppendLine("  namespace: shop");
        if (labels is not null)
        {
            yaml.AppendLine("  labels:");
            yaml.AppendLine(labels.Replace("        ", "    ", StringComparison.Ordinal));
        }

        if (extraMetadata is not null)
        {
            yaml.AppendLine(extraMetadata);
        }

        Annotations(yaml, annotations, "  ");
        yaml.AppendLine("spec:");
        if (extraSpec is not null)
        {
            yaml.AppendLine(extraSpec);
        }

        yaml.AppendLine("  containers:");
        yaml.AppendLine("  - name: nginx");
        yaml.AppendLine($"    image: {image}");
        return yaml.ToString();
    }

    public static string ImageCache(IDictionary<string, string>? annotations = null, string image = CustomDomainImage, params string[] secrets)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("apiVersion: eci.alibabacloud.com/v1");
        yaml.AppendLine("kind: ImageCache");
        yaml.AppendLine("metadata:");
        yaml.AppendLine("  name: imagecache-sample");
        Annotations(yaml, annotations, "  ");
        yaml.AppendLine("spec:");
        yaml.AppendLine("  images:");
        yaml.AppendLine($"  - {image}");
        if (secrets.Length > 0)
        {
            yaml.AppendLine("  imagePullSecrets:");
            foreach (var secret in secrets)
            {
                yaml.AppendLine($"  - \"{secret}\"");
            }
        }

        yaml.AppendLine("  imageCacheSize: 25");
        yaml.AppendLine("  retentionDays: 7");
        return yaml.ToString();
    }

    public static Dictionary<string, string> Ann(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    private static void Annotations(StringBuilder yaml, IDictionary<string, string>? annotations, string indent)
    {
        if (annotations is null || annotations.Count == 0)
        {
            return;
        }

        yaml.AppendLine($"{indent}annotations:");
        foreach (var (key, value) in annotations)
        {
            yaml.AppendLine($"{indent}  {key}: \"{value}\"");
        }
    }
}
