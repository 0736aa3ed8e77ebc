using AcrGuard.Workloads;

namespace AcrGuard.Configuration;

/// <summary>
/// A kind named in the configuration's <c>workloads</c> list: an object that stamps out pods from
/// a pod template (OpenKruise CloneSet, Argo Rollout, ...), judged like a Deployment.
/// </summary>
/// <param name="Group">The API group, e.g. <c>apps.kruise.io</c>; empty for the core group.</param>
/// <param name="Version">The version, e.g. <c>v1alpha1</c>.</param>
/// <param name="Kind">The kind, e.g. <c>CloneSet</c>.</param>
/// <param name="TemplatePath">The pod template's dotted field path, e.g. <c>spec.template</c>.</param>
public sealed record WorkloadKind(string Group, string Version, string Kind, string TemplatePath)
{
    /// <summary>The template path when the configuration leaves it out.</summary>
    public const string DefaultTemplatePath = "spec.template";

    /// <summary>As objects and AdmissionReview requests carry it: <c>group/version</c>, or the version alone for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Its row of the kind table: what check, serve and audit read it by.</summary>
    public ObjectKind Row { get; } = ObjectKind.Configured(Group, Version, Kind, TemplatePath);

    /// <summary>The template path's field names, in order from the object's root.</summary>
    public IReadOnlyList<string> TemplateFields => Row.TemplateFields;

    // Equal entries are equal whatever array their path was split into.
    public bool Equals(WorkloadKind? other) =>
        other is not null && Group == other.Group && Version == other.Version && Kind == other.Kind && TemplatePath == other.TemplatePath;

    public override int GetHashCode() => HashCode.Combine(Group, Version, Kind, TemplatePath);

    public override string ToString() => $"{ApiVersion} {Kind}";
}
