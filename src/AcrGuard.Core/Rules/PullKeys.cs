using AcrGuard.Annotations;

namespace AcrGuard.Rules;

internal static class PullKeys
{
    /// <summary>The first pull key present, in <see cref="AcrAnnotationKeys.All"/> order: where a rule about all of them points.</summary>
    public static string? First(AnnotationSet annotations)
    {
        foreach (var key in AcrAnnotationKeys.InOrder)
        {
            if (annotations.Contains(key))
            {
                return key;
            }
        }

        return null;
    }
}
