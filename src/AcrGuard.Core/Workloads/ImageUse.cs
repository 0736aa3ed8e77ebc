using AcrGuard.Images;

namespace AcrGuard.Workloads;

/// <summary>One image an object pulls, with the path of the field that names it.</summary>
public sealed record ImageUse(ImageReference Reference, string Path);
