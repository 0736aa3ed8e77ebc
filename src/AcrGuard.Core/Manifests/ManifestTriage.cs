using System.Text.Json;
using System.Text.RegularExpressions;

namespace AcrGuard.Manifests;

/// <summary>What a file found while walking a directory holds, before it is judged.</summary>
public enum ManifestFileKind
{
    /// <summary>At least one Kubernetes object: judged strictly, like a file named on the command line.</summary>
    Objects,

    /// <summary>Only comments or empty documents.</summary>
    Empty,

    /// <summary>YAML or JSON with no document that has a <c>kind</c>: a CI workflow, docker-compose, values.yaml.</summary>
    NotKubernetes,

    /// <summary>Not valid YAML, with <c>{{ }}</c> template actions: a Helm or Go template outside a chart.</summary>
    Template,

    /// <summary>Not valid YAML or JSON and nothing in it reads like a Kubernetes object.</summary>
    Unparsable,
}

/// <summary>
/// Sorts a file met while walking a directory: a repository holds CI workflows, compose files,
/// chart values and templates beside its manifests, and a checker that fails on them cannot run
/// in CI. kube-linter and kubeconform skip what is not an object; so does check, but a file
/// with one Kubernetes object, or whose broken text reads like Kubernetes (it has
/// <c>apiVersion:</c> and <c>kind:</c> keys), is judged strictly, so that a broken manifest is
/// reported, never skipped.
/// </summary>
public static partial class ManifestTriage
{
    /// <summary>
    /// What a text that failed to parse is: <see cref="ManifestFileKind.Objects"/> when it reads
    /// like Kubernetes (its YAML error is then reported), <see cref="ManifestFileKind.Template"/>
    /// when it has template actions, else <see cref="ManifestFileKind.Unparsable"/>.
    /// </summary>
    public static ManifestFileKind ClassifyUnreadable(string text) =>
        ReadsLikeKubernetes(text) ? ManifestFileKind.Objects
            : HasTemplateActions(text) ? ManifestFileKind.Template
            : ManifestFileKind.Unparsable;

    /// <summary>
    /// A mapping with a <c>kind</c>. <c>apiVersion</c> alone is not enough: Chart.yaml and a Helm
    /// repository's index.yaml carry one and are not objects. A document with a kind and no
    /// apiVersion is a manifest with a mistake, which ObjectReader then reports.
    /// </summary>
    public static bool IsKubernetesShaped(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out _);

    // A templated manifest that is not valid YAML still reads like Kubernetes; the template
    // actions decide first, since rendering, not a YAML error, is what it needs.
    private static bool ReadsLikeKubernetes(string text) =>
        !HasTemplateActions(text) && ApiVersionKey().IsMatch(text) && KindKey().IsMatch(text);

    private static bool HasTemplateActions(string text) =>
        text.Contains("{{", StringComparison.Ordinal) && text.Contains("}}", StringComparison.Ordinal);

    [GeneratedRegex("""(^[ \t-]*|[{,][ \t]*)"?apiVersion"?[ \t]*:""", RegexOptions.Multiline)]
    private static partial Regex ApiVersionKey();

    [GeneratedRegex("""(^[ \t-]*|[{,][ \t]*)"?kind"?[ \t]*:""", RegexOptions.Multiline)]
    private static partial Regex KindKey();
}
