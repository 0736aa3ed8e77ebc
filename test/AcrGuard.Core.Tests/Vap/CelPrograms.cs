using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using Cel;

namespace AcrGuard.Core.Tests.Vap;

/// <summary>
/// CEL as kube-apiserver evaluates a policy's expressions: the Cel package's standard library, with
/// the functions of cel-go's strings extension it lacks registered here, as cel-go defines them
/// (ext/strings.go). Each expression is compiled once.
/// </summary>
internal static class CelPrograms
{
    private static readonly CelEnvironment Environment = Create();

    private static readonly ConcurrentDictionary<string, CelProgramDelegate> Compiled = new(StringComparer.Ordinal);

    public static CelProgramDelegate Compile(string expression) => Compiled.GetOrAdd(expression, e => Environment.Compile(e));

    private static CelEnvironment Create()
    {
        var cel = new CelEnvironment(null, null);
        cel.RegisterFunction("split", [typeof(string), typeof(string)], a => Str(a, 0).Split(Str(a, 1)).Cast<object?>().ToList());
        cel.RegisterFunction("trim", [typeof(string)], a => Str(a, 0).Trim());
        cel.RegisterFunction("lowerAscii", [typeof(string)], a => string.Concat(Str(a, 0).Select(c => char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : c)));
        cel.RegisterFunction("indexOf", [typeof(string), typeof(string)], a => (long)Str(a, 0).IndexOf(Str(a, 1), StringComparison.Ordinal));
        cel.RegisterFunction("lastIndexOf", [typeof(string), typeof(string)], a => (long)Str(a, 0).LastIndexOf(Str(a, 1), StringComparison.Ordinal));
        cel.RegisterFunction("replace", [typeof(string), typeof(string), typeof(string)], a => Str(a, 0).Replace(Str(a, 1), Str(a, 2), StringComparison.Ordinal));

        // cel-go errors on an index out of range, as Substring throws.
        cel.RegisterFunction("substring", [typeof(string), typeof(long)], a => Str(a, 0)[Index(a, 1)..]);
        cel.RegisterFunction("substring", [typeof(string), typeof(long), typeof(long)], a => Str(a, 0)[Index(a, 1)..Index(a, 2)]);
        cel.RegisterFunction("join", [typeof(IList)], a => string.Concat(((IList)a[0]!).Cast<string>()));
        cel.RegisterFunction("join", [typeof(IList), typeof(string)], a => string.Join(Str(a, 1), ((IList)a[0]!).Cast<string>()));

        // The package's size() is an Int32, for which its string() has no overload; CEL's int is one type.
        cel.RegisterFunction("string", [typeof(int)], a => ((int)a[0]!).ToString(CultureInfo.InvariantCulture));
        return cel;
    }

    private static string Str(object?[] args, int i) => args[i] as string ?? throw new InvalidOperationException($"argument {i} is not a string: {args[i]}");

    private static int Index(object?[] args, int i) => checked((int)Convert.ToInt64(args[i], CultureInfo.InvariantCulture));
}
