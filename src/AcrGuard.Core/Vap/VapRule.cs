using AcrGuard.Rules;

namespace AcrGuard.Vap;

/// <summary>A rule of the catalogue as CEL: the checks that find what its unit in <c>AcrGuard.Rules</c> finds.</summary>
internal abstract class VapRule
{
    public abstract RuleDescriptor Rule { get; }

    public abstract IReadOnlyList<VapCheck> Checks { get; }

    /// <summary>
    /// Whether an old object can have the rule's findings, which an UPDATE then only warns about
    /// (ratcheting); AG004 compares the two objects, and the webhook judges the old one alone.
    /// </summary>
    public virtual bool Ratchets => true;

    /// <summary>Whether the configuration gives the rule anything to find (AG003 needs custom domains).</summary>
    public virtual bool AppliesTo(VapVariables definitions) => true;

    /// <summary><c>variables.templatePath + ".annotations['key']"</c>: where a pull key of the pod (template) is.</summary>
    protected static string TemplateKeyPath(VapScope scope, string key) =>
        $"{scope.Var("templatePath")} + {CelText.String($".annotations['{key}']")}";

    /// <summary>A list of one finding when <paramref name="condition"/> holds, else none.</summary>
    protected static string When(string condition, string path, string message) => $"{condition} ? [[{path}, {message}]] : []";
}
