using System.Text;
using AcrGuard.Annotations;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Workloads;

namespace AcrGuard.Core.Tests.Support;

/// <summary>Everything the rules are given about an object, in one comparable text, and the findings of every rule.</summary>
internal static class ViewText
{
    // Every rule on: a field only an off-by-default rule reads (AG011's markers) is compared too.
    private static readonly Evaluator EveryRule = new(ConfigReader.Parse(string.Join('\n', ["rules:", .. AcrGuard.Rules.RuleCatalog.All.Select(r => $"  {r.Id}: warning")])));

    /// <summary>The properties of the view <see cref="Describe"/> writes out, by type: a property added to the view must be added here.</summary>
    public static readonly IReadOnlyDictionary<Type, string[]> Compared = new Dictionary<Type, string[]>
    {
        [typeof(ReviewedObject)] = ["Identity", "Kind", "WorkloadAnnotations", "NestedAnnotations", "Target", "PullSecrets", "IsControllerOwned", "AnnotationsAreReadOnce"],
        [typeof(PullTarget)] = ["Annotations", "Images", "HasEciMarker"],
        [typeof(AnnotationSet)] = ["MetadataPath", "Items"],
    };

    public static string Describe(KubeObject obj)
    {
        var text = new StringBuilder().AppendLine(obj.Identity.ToString());
        if (obj.Reviewed is not { } view)
        {
            return text.AppendLine("out of scope").ToString();
        }

        return text.AppendLine(view.Kind.ToString()).Append(View(obj)).ToString();
    }

    /// <summary>What the rules read, whatever the kind is called.</summary>
    public static string View(KubeObject obj)
    {
        var text = new StringBuilder();
        if (obj.Reviewed is not { } view)
        {
            return "out of scope";
        }

        text.AppendLine($"{obj.Identity.Namespace}/{obj.Identity.Name} owned={view.IsControllerOwned} eci={view.Target.HasEciMarker} read-once={view.AnnotationsAreReadOnce}");
        foreach (var set in (AnnotationSet?[])[view.WorkloadAnnotations, .. view.NestedAnnotations, view.Target.Annotations])
        {
            text.AppendLine($"{set?.MetadataPath ?? "(none)"}: pull {PullKeys(set)}");
            foreach (var annotation in set?.Items ?? [])
            {
                text.AppendLine($"  {annotation}");
            }
        }

        foreach (var image in view.Target.Images)
        {
            text.AppendLine($"{image.Path}: {image.Reference}");
        }

        foreach (var secret in view.PullSecrets)
        {
            text.AppendLine(secret.ToString());
        }

        return text.ToString();
    }

    /// <summary>The findings of every rule, messages included, and on UPDATE against <paramref name="old"/>.</summary>
    public static string Findings(KubeObject obj, KubeObject? old = null) =>
        string.Join("\n", EveryRule.Evaluate(obj, old).Findings.Select(f => $"{f.Rule} {f.Severity} {f.Path} {f.Message}"));

    private static string PullKeys(AnnotationSet? set) =>
        set is null ? "-" : string.Join(", ", AcrAnnotationKeys.All.Where(set.Contains).Select(k => $"{k}={set.ValueOf(k)}"));
}
