namespace AcrGuard.Vap;

/// <summary>
/// The variables of one policy, in the order kube-apiserver evaluates them: a variable is defined
/// the first time a check asks for it, after the variables it reads, so that a policy carries only
/// what its validations need.
/// </summary>
internal sealed class VapScope(VapVariables definitions)
{
    private readonly List<(string Name, string Expression)> variables = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal);

    public VapVariables Definitions { get; } = definitions;

    public IReadOnlyList<(string Name, string Expression)> Variables => variables;

    /// <summary>The policy's validations: an expression true when the object passes, and the message when it does not.</summary>
    public List<(string Expression, string MessageExpression)> Validations { get; } = [];

    /// <summary>A shared variable about <paramref name="subject"/>, e.g. <c>variables.target</c>.</summary>
    public string Var(string name, Subject subject)
    {
        var full = subject.Name(name);
        if (!names.Contains(full))
        {
            Add(full, Definitions.Define(name, subject, this));
        }

        return $"variables.{full}";
    }

    /// <summary>A variable about neither object in particular (the kind, the paths in messages).</summary>
    public string Var(string name) => Var(name, Subject.Object);

    /// <summary>A check's own variable; defined once, however many checks ask.</summary>
    public string Define(string name, Func<string> expression)
    {
        if (!names.Contains(name))
        {
            Add(name, expression());
        }

        return $"variables.{name}";
    }

    private void Add(string name, string expression)
    {
        // The expression's own variables were added while it was built.
        if (names.Add(name))
        {
            variables.Add((name, expression));
        }
    }
}
