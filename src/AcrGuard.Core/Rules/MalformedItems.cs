using AcrGuard.Annotations;
using AcrGuard.Findings;
using FluentValidation;

namespace AcrGuard.Rules;

/// <summary>The item checks AG005 (role ARNs) and AG006 (instance ids) share.</summary>
internal static class MalformedItems
{
    public delegate bool Shape(ReadOnlySpan<char> item);

    /// <summary>
    /// Each comma-separated item on its own: an empty item, the docs' * masks (the Alibaba docs
    /// print account digits and instance ids as 1609982529****** and copied verbatim they never
    /// work), or a bad shape. Nothing is allocated for an item that is fine.
    /// </summary>
    public static void Check<T>(
        Annotation annotation, ActiveRule rule, ValidationContext<T> context, Shape isValid, string empty, string masked, string invalid)
    {
        foreach (var item in new AnnotationValueList(annotation.Value))
        {
            if (item.Length == 0)
            {
                context.Report(rule, annotation.Path, $"{annotation.Key} has an empty item: remove the stray comma or {empty}");
            }
            else if (item.Contains('*'))
            {
                context.Report(rule, annotation.Path, $"{annotation.Key} item {MessageText.Quote(item.ToString())} {masked}");
            }
            else if (!isValid(item))
            {
                context.Report(rule, annotation.Path, $"{annotation.Key} item {MessageText.Quote(item.ToString())} {invalid}");
            }
        }
    }
}
