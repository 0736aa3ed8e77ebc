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
/// in CI. kube-linter and kubeconform skip what is not an object; so does this, but a file that
/// reads like Kubernetes (its text has <c>apiVersion:</c> and <c>kind:</c>) is still judged
/// strictly, so that a broken manifest is reported, never skipped.
/// </summary>
public static partial class ManifestTriage
{
    /// <summary>The kind of <paramref name="text"/>, read from <paramref name="file"/>; stops at the first Kubernetes object.</summary>
    public static ManifestFileKind Classify(string file, string text)
    {
        var documents = 0;
        try
        {
            foreach (var document in ManifestLoader.Load(file, text))
            {
                documents++;
                if (IsKubernetesShaped(document.Root))
                {
                    return ManifestFileKind.Objects;
                }
            }
        }
        catch (InputException)
        {
            return ReadsLikeKubernetes(text) ? ManifestFileKind.Objects
                : HasTemplateActions(text) ? ManifestFileKind.Template
                : ManifestFileKind.Unparsable;
        }

        return documents == 0 ? ManifestFileKind.Empty : ManifestFileKind.NotKubernetes;
    }

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
