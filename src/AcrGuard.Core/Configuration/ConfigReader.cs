using System.Text.RegularExpressions;
using AcrGuard.Annotations;
using AcrGuard.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AcrGuard.Configuration;

/// <summary>
/// Reads the configuration YAML strictly: a typo in a key would otherwise silently switch a
/// rule back to its default, so every unknown key or bad value is refused, named with its line.
/// </summary>
public static partial class ConfigReader
{
    public static AcrGuardConfig Parse(string yaml)
    {
        var stream = Load(yaml);
        if (stream.Documents.Count == 0 || IsEmpty(stream.Documents[0].RootNode))
        {
            return AcrGuardConfig.Default;
        }

        if (stream.Documents.Count > 1)
        {
            throw new ConfigException($"line {stream.Documents[1].RootNode.Start.Line}: expected one YAML document, found {stream.Documents.Count}");
        }

        return Read(Mapping(stream.Documents[0].RootNode, "the configuration"));
    }

    private static YamlStream Load(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"line {e.Start.Line}: not valid YAML: {e.Message}", e);
        }
        catch (Exception e) when (Manifests.YamlParserFaults.IsMalformedInput(e))
        {
            throw new ConfigException($"not valid YAML: {e.Message}", e);
        }

        return stream;
    }

    // The top-level keys, each read by its own step; what is left out keeps its default.
    private static AcrGuardConfig Read(YamlMappingNode root)
    {
        var mode = EnforcementMode.Enforce;
        IReadOnlyList<CustomDomain> domains = [];
        var rules = new Dictionary<string, RuleSeverity>(StringComparer.Ordinal);
        var modeLabel = ModeLabelPolicy.Default;
        IReadOnlyList<WorkloadKind> workloads = [];
        string? clientCA = null;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Scalar(keyNode, "a key");
            switch (key)
            {
                case "mode":
                    mode = ReadMode(value);
                    break;
                case "registries":
                    domains = ReadRegistries(value);
                    break;
                case "rules":
                    ReadRules(value, rules);
                    break;
                case "modeLabel":
                    modeLabel = ReadModeLabel(value);
                    break;
                case "workloads":
                    workloads = ReadWorkloads(value);
                    break;
                case "tls":
                    clientCA = ReadTls(value);
                    break;
                default:
                    throw Error(keyNode, key, "unknown key; expected mode, registries, rules, workloads, modeLabel or tls");
            }
        }

        return new AcrGuardConfig(mode, domains, rules, workloads) { ModeLabel = modeLabel, ClientCA = clientCA };
    }

    private static EnforcementMode ReadMode(YamlNode node)
    {
        var name = Scalar(node, "mode");
        return EnforcementModeNames.Parse(name)
            ?? throw Error(node, "mode", $"'{name}' is not a mode; use {EnforcementModeNames.Enforce} or {EnforcementModeNames.Audit}");
    }

    private static List<CustomDomain> ReadRegistries(YamlNode node)
    {
        var domains = new List<CustomDomain>();
        if (IsEmpty(node))
        {
            return domains;
        }

        foreach (var (keyNode, value) in Mapping(node, "registries").Children)
        {
            var key = Scalar(keyNode, "a key");
            if (key != "customDomains")
            {
                throw Error(keyNode, $"registries.{key}", "unknown key; expected customDomains");
            }

            if (IsEmpty(value))
            {
                continue;
            }

            if (value is not YamlSequenceNode items)
            {
                throw Error(value, "registries.customDomains", "expected a list of {domain, instanceId}");
            }

            for (var i = 0; i < items.Children.Count; i++)
            {
                var domain = ReadCustomDomain(items.Children[i], $"registries.customDomains[{i}]");
                if (domains.Exists(d => string.Equals(d.Domain, domain.Domain, StringComparison.OrdinalIgnoreCase)))
                {
                    throw Error(items.Children[i], $"registries.customDomains[{i}].domain", $"'{domain.Domain}' is listed twice");
                }

                domains.Add(domain);
            }
        }

        return domains;
    }

    private static CustomDomain ReadCustomDomain(YamlNode node, string path)
    {
        string? domain = null;
        string? instanceId = null;
        foreach (var (keyNode, value) in Mapping(node, path).Children)
        {
            var key = Scalar(keyNode, "a key");
            switch (key)
            {
                case "domain":
                    domain = Scalar(value, $"{path}.domain").ToLowerInvariant();
                    if (!HostPattern().IsMatch(domain))
                    {
                        throw Error(value, $"{path}.domain", $"'{domain}' is not a registry host name (host or host:port, no scheme or path)");
                    }

                    break;
                case "instanceId":
                    instanceId = Scalar(value, $"{path}.instanceId");
                    if (!AcrInstanceId.IsValid(instanceId))
                    {
                        throw Error(value, $"{path}.instanceId", $"'{instanceId}' is not an ACR instance id (cri-<id>, optionally <region>:cri-<id>)");
                    }

                    break;
                default:
                    throw Error(keyNode, $"{path}.{key}", "unknown key; expected domain and instanceId");
            }
        }

        if (domain is null || instanceId is null)
        {
            throw Error(node, path, $"missing {(domain is null ? "domain" : "instanceId")}");
        }

        return new CustomDomain(domain, instanceId);
    }

    private static void ReadRules(YamlNode node, Dictionary<string, RuleSeverity> rules)
    {
        if (IsEmpty(node))
        {
            return;
        }

        foreach (var (keyNode, value) in Mapping(node, "rules").Children)
        {
            var id = Scalar(keyNode, "a rule id");
            if (RuleCatalog.Find(id) is null)
            {
                throw Error(keyNode, $"rules.{id}", $"unknown rule; known rules are {RuleCatalog.All[0].Id} to {RuleCatalog.All[^1].Id}");
            }

            rules[id] = Scalar(value, $"rules.{id}") switch
            {
                "error" => RuleSeverity.Error,
                "warning" => RuleSeverity.Warning,
                "off" => RuleSeverity.Off,
                var other => throw Error(value, $"rules.{id}", $"'{other}' is not a severity; use error, warning or off"),
            };
        }
    }

    private static YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, what, "expected a mapping");

    private static string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: not null } scalar ? scalar.Value : throw Error(node, what, "expected a single value");

    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null");

    private static ConfigException Error(YamlNode node, string key, string problem) =>
        new($"{key} (line {node.Start.Line}): {problem}");

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
