namespace AcrGuard.Repairs;

/// <summary>
/// One change a repair makes to an object's annotations, by the path of their metadata
/// (<c>metadata</c>, <c>spec.template.metadata</c>) from the object's root: what the text editor
/// writes and what the check of the written text expects.
/// </summary>
public abstract record AnnotationChange(string MetadataPath, string Key);

/// <summary>The annotation <see cref="AnnotationChange.Key"/> taken out of <see cref="AnnotationChange.MetadataPath"/>.</summary>
public sealed record RemoveAnnotation(string MetadataPath, string Key) : AnnotationChange(MetadataPath, Key);

/// <summary>The annotation's key renamed where it is; its value stays as written.</summary>
public sealed record RenameAnnotation(string MetadataPath, string Key, string NewKey) : AnnotationChange(MetadataPath, Key);

/// <summary>
/// The annotation <see cref="AnnotationChange.Key"/> of <see cref="AnnotationChange.MetadataPath"/>
/// written into <see cref="ToMetadataPath"/> as <see cref="NewKey"/> (its annotations, and the
/// metadata, created where absent); with a <see cref="RemoveAnnotation"/> of the same, a move.
/// </summary>
public sealed record CopyAnnotation(string MetadataPath, string Key, string ToMetadataPath, string NewKey) : AnnotationChange(MetadataPath, Key);
