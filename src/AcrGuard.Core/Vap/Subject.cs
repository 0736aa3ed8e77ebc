namespace AcrGuard.Vap;

/// <summary>
/// The object a variable is about: the admitted <c>object</c>, or on UPDATE the <c>oldObject</c> it
/// replaces, whose findings are pre-existing (ratcheting, as the webhook's).
/// </summary>
internal sealed class Subject
{
    public static readonly Subject Object = new("object", string.Empty);

    public static readonly Subject Old = new("oldObject", "old");

    private readonly string prefix;

    private Subject(string root, string prefix)
    {
        Root = root;
        this.prefix = prefix;
    }

    /// <summary>The CEL variable kube-apiserver binds: <c>object</c> or <c>oldObject</c>.</summary>
    public string Root { get; }

    public bool IsOld => prefix.Length > 0;

    /// <summary>A policy variable's name for this subject: <c>target</c>, <c>oldTarget</c>.</summary>
    public string Name(string name) => IsOld ? prefix + char.ToUpperInvariant(name[0]) + name[1..] : name;

    /// <summary><paramref name="expression"/>, or <paramref name="otherwise"/> where there is no old object (CREATE).</summary>
    public string Guard(string expression, string otherwise) => IsOld ? $"oldObject == null ? {otherwise} : {expression}" : expression;
}
