namespace AcrGuard.Annotations;

/// <summary>One annotation and the path a finding about it points at.</summary>
public sealed class Annotation(string key, string value, string metadataPath)
{
    public string Key { get; } = key;

    public string Value { get; } = value;

    /// <summary>
    /// E.g. <c>spec.template.metadata.annotations['k8s.aliyun.com/acr-user-arns']</c>: made when a
    /// finding asks for it, as most annotations have none.
    /// </summary>
    public string Path => metadataPath.Length == 0 ? $"annotations['{Key}']" : $"{metadataPath}.annotations['{Key}']";

    public override string ToString() => $"{Key}={Value} at {Path}";
}
