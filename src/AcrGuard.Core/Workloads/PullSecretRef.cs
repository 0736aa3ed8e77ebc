namespace AcrGuard.Workloads;

/// <summary>An ImageCache <c>spec.imagePullSecrets</c> item, meant as <c>namespace:name</c>.</summary>
public sealed record PullSecretRef(string Value, string Path);
