namespace AcrGuard.Annotations;

/// <summary>One annotation and the path a finding about it points at.</summary>
public sealed record Annotation(string Key, string Value, string Path);
