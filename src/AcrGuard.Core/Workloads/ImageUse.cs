using AcrGuard.Images;

namespace AcrGuard.Workloads;

/// <summary>One image an object pulls, with the path of the field that names it.</summary>
/// <param name="Reference">The image as the rules classify it.</param>
/// <param name="ListPath">The list it is an item of, e.g. <c>spec.template.spec.containers</c> or <c>spec.images</c>.</param>
/// <param name="Index">Its index in that list.</param>
/// <param name="InContainer">Whether the item is a container, whose <c>image</c> field names it (an ImageCache lists images as they are).</param>
public sealed record ImageUse(ImageReference Reference, string ListPath, int Index, bool InContainer)
{
    /// <summary>E.g. <c>spec.template.spec.containers[0].image</c>: made when a finding asks for it.</summary>
    public string Path => InContainer ? $"{ListPath}[{Index}].image" : $"{ListPath}[{Index}]";
}
