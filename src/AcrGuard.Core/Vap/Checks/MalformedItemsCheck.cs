namespace AcrGuard.Vap.Checks;

/// <summary>The item checks AG005 and AG006 share, as <c>MalformedItems</c> makes them: empty, masked with *, or not the shape.</summary>
internal static class MalformedItemsCheck
{
    /// <summary>
    /// Per key, each comma-separated item trimmed and judged on its own; one key after the other
    /// rather than a comprehension over keys around one over items.
    /// </summary>
    public static string Findings(VapScope scope, Subject s, string rule, IReadOnlyList<string> keys, string pattern, string empty, string masked, string invalid)
    {
        var target = scope.Var("target", s);
        return string.Join("\n+ ", keys.Select(key =>
        {
            var k = CelText.String(key);
            var path = $"{scope.Var("templatePath")} + {CelText.String($".annotations['{key}']")}";
            var message = $"i == '' ? {CelText.String($"{rule} {key} has an empty item: remove the stray comma or {empty}")}"
                + $"\n    : i.contains('*') ? {CelText.String($"{rule} {key} item ")} + {CelText.Quote("i")} + {CelText.String(" " + masked)}"
                + $"\n    : {CelText.String($"{rule} {key} item ")} + {CelText.Quote("i")} + {CelText.String(" " + invalid)}";
            return $"({k} in {target}"
                + $"\n  ? {target}[{k}].split(',').map(i, i.trim()).filter(i, i == '' || i.contains('*') || !i.matches({CelText.String(pattern)}))"
                + $"\n    .map(i, [{path}, {message}])"
                + "\n  : [])";
        }));
    }
}
