using System.Text.RegularExpressions;

namespace AcrGuard.Annotations;

/// <summary>
/// An ACR Enterprise instance id, <c>cri-</c> and lowercase letters or digits, optionally prefixed
/// with its region (<c>cn-beijing:cri-j36zhodptmyq1234</c>) for a cross-region pull. Regions are
/// matched by shape, not a fixed list, so a new region needs no release.
/// </summary>
public static partial class AcrInstanceId
{
    public static bool IsValid(string text) => Shape().IsMatch(text);

    public static bool IsValid(ReadOnlySpan<char> text) => Shape().IsMatch(text);

    /// <summary>The id without its region prefix: what AG003 compares.</summary>
    public static ReadOnlySpan<char> WithoutRegion(ReadOnlySpan<char> text) => text[(text.LastIndexOf(':') + 1)..];

    /// <summary>The shape, in the syntax .NET and RE2 (kube-apiserver's CEL <c>matches</c>) read alike.</summary>
    public const string Pattern = @"^(?:([a-z0-9]+(?:-[a-z0-9]+)+):)?(cri-[a-z0-9]+)$";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
