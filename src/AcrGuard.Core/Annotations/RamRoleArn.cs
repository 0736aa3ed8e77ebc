using System.Text.RegularExpressions;

namespace AcrGuard.Annotations;

/// <summary>
/// A RAM role ARN as ECI takes it: <c>acs:ram::&lt;account digits&gt;:role/&lt;role name&gt;</c>,
/// the role name 1-64 characters of <c>A-Za-z0-9.@_-</c> (RAM role naming rules).
/// </summary>
public static partial class RamRoleArn
{
    /// <summary>Whether an item is an ARN, without allocating: most items are fine.</summary>
    public static bool IsValid(ReadOnlySpan<char> text) => Shape().IsMatch(text);

    /// <summary>The account digits of an item that <see cref="IsValid"/> accepted.</summary>
    public static ReadOnlySpan<char> AccountIdOf(ReadOnlySpan<char> valid)
    {
        var account = valid["acs:ram::".Length..];
        return account[..account.IndexOf(':')];
    }

    /// <summary>The shape, in the syntax .NET and RE2 (kube-apiserver's CEL <c>matches</c>) read alike.</summary>
    public const string Pattern = @"^acs:ram::([0-9]+):role/([A-Za-z0-9.@_\-]{1,64})$";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
