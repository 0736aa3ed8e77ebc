using System.Text.RegularExpressions;
using AcrGuard.Workloads;
using YamlDotNet.RepresentationModel;

namespace AcrGuard.Configuration;

/// <summary>The <c>workloads</c> list: more kinds with a pod template, judged like a Deployment.</summary>
public static partial class ConfigReader
{
    private static List<WorkloadKind> ReadWorkloads(YamlNode node)
    {
        var workloads = new List<WorkloadKind>();
        if (IsEmpty(node))
        {
            return workloads;
        }

        if (node is not YamlSequenceNode items)
        {
            throw Error(node, "workloads", "expected a list of {apiVersion, kind, template}");
        }

        for (var i = 0; i < items.Children.Count; i++)
        {
            var path = $"workloads[{i}]";
            var workload = ReadWorkload(items.Children[i], path);
            if (workloads.Exists(w => w.ApiVersion == workload.ApiVersion && w.Kind == workload.Kind))
            {
                throw Error(items.Children[i], path, $"{workload} is listed twice");
            }

            workloads.Add(workload);
        }

        return workloads;
    }

    private static WorkloadKind ReadWorkload(YamlNode node, string path)
    {
        string? group = null, version = null, kind = null;
        var template = WorkloadKind.DefaultTemplatePath;
        YamlNode? kindNode = null;
        foreach (var (keyNode, value) in Mapping(node, path).Children)
        {
            var key = Scalar(keyNode, "a key");
            switch (key)
            {
                case "apiVersion":
                    var apiVersion = Scalar(value, $"{path}.apiVersion");
                    var match = ApiVersionPattern().Match(apiVersion);
                    if (!match.Success)
                    {
                        throw Error(value, $"{path}.apiVersion", $"'{apiVersion}' is not an apiVersion: use group/version as the CRD serves it, e.g. apps.kruise.io/v1alpha1");
                    }

                    group = match.Groups["group"].Value;
                    version = match.Groups["version"].Value;
                    break;
                case "kind":
                    kind = Scalar(value, $"{path}.kind");
                    kindNode = value;
                    if (!KindPattern().IsMatch(kind))
                    {
                        throw Error(value, $"{path}.kind", $"'{kind}' is not a kind: use the kind as objects carry it, e.g. CloneSet");
                    }

                    break;
                case "template":
                    template = Scalar(value, $"{path}.template");
                    if (!FieldPathPattern().IsMatch(template))
                    {
                        throw Error(value, $"{path}.template", $"'{template}' is not a dotted field path: name the fields from the object's root, e.g. spec.template (no brackets, no leading dot)");
                    }

                    if (template.Split('.')[0] is "metadata" or "apiVersion" or "kind")
                    {
                        throw Error(value, $"{path}.template", $"'{template}' cannot hold a pod template: it starts in the object's {template.Split('.')[0]}; the template is under spec");
                    }

                    break;
                default:
                    throw Error(keyNode, $"{path}.{key}", "unknown key; expected apiVersion, kind and template");
            }
        }

        if (group is null || version is null)
        {
            throw Error(node, $"{path}.apiVersion", "missing: give the group/version of the kind, e.g. apps.kruise.io/v1alpha1");
        }

        if (kind is null)
        {
            throw Error(node, $"{path}.kind", "missing: give the kind, e.g. CloneSet");
        }

        var workload = new WorkloadKind(group, version, kind, template);
        if (ObjectKind.IsBuiltIn(group, kind))
        {
            throw Error(kindNode!, $"{path}.kind", $"{workload} is built in: AcrGuard judges {kind} without configuration; remove the entry");
        }

        return workload;
    }

    // group (a DNS subdomain, absent for the core group) / version (a DNS label), as Kubernetes names them.
    [GeneratedRegex(@"^((?<group>[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)/)?(?<version>[a-z0-9]([-a-z0-9]*[a-z0-9])?)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ApiVersionPattern();

    // A CRD's kind must be a DNS-1035 label once lowercased (apiextensions validation), 63 characters at most.
    [GeneratedRegex(@"^[A-Za-z]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();

    // Field names joined by dots: the path kubectl explain takes, with no list index or wildcard.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPathPattern();
}
