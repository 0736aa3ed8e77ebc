using AcrGuard.Annotations;
using AcrGuard.Findings;
using AcrGuard.Rules;
using AcrGuard.Workloads;

namespace AcrGuard.Repairs;

/// <summary>
/// Decides the repairs of an object's findings that have a single right one, on the object as
/// the rules read it: AG001's annotation moves into the pod template (or, where the template has
/// the same value, leaves only the template's), AG007's misspelt key and AG013's legacy key are
/// renamed to the key the finding names (moved too when on a workload's metadata). Where the
/// template already has the key with a different value, nothing is guessed: both stay and the
/// finding is left, with the reason. Nothing else is touched, no value is made up.
/// </summary>
public static class RepairPlanner
{
    /// <summary>Farther than this from the key it names, a lookalike is not renamed (AG007's own reach for keys without the acr- prefix).</summary>
    private const int RenameDistance = 2;

    /// <param name="obj">The object, as read by <see cref="ObjectReader"/>.</param>
    /// <param name="findings">Its findings.</param>
    /// <param name="renameLegacy">Whether AG013 is on: then a legacy key that is moved or meant is written as the plural one.</param>
    public static RepairPlan Plan(ReviewedObject obj, IReadOnlyList<Finding> findings, bool renameLegacy)
    {
        var plan = new Planning(obj, renameLegacy);
        foreach (var finding in findings.Where(f => plan.IsInPlace(f)))
        {
            plan.RenameInPlace(finding);
        }

        foreach (var finding in findings.Where(f => plan.IsMove(f)))
        {
            plan.Move(finding);
        }

        return plan.Result();
    }

    private sealed class Planning(ReviewedObject obj, bool renameLegacy)
    {
        private readonly AnnotationSet template = obj.Target.Annotations;

        // The template's annotations as the repairs so far leave them.
        private readonly Dictionary<string, string> planned = obj.Target.Annotations.Items.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        private readonly List<PlannedRepair> repairs = [];
        private readonly List<(string, string, string)> left = [];

        public bool IsInPlace(Finding f) =>
            (f.Rule == RuleCatalog.AG013.Id || f.Rule == RuleCatalog.AG007.Id) && Find(f.Path) is { Set: var set } && set == template;

        public bool IsMove(Finding f) =>
            (f.Rule == RuleCatalog.AG001.Id || f.Rule == RuleCatalog.AG007.Id) && Find(f.Path) is { Set: var set } && set != template;

        public RepairPlan Result() => new(repairs, left);

        public void RenameInPlace(Finding finding)
        {
            var (_, annotation) = Find(finding.Path)!.Value;
            if (Intended(finding, annotation.Key) is not { } key)
            {
                return;
            }

            var at = $"{template.MetadataPath}.annotations";
            if (planned.TryGetValue(key, out var existing))
            {
                if (existing != annotation.Value)
                {
                    Leave(finding, $"not renamed: {at} has {key} too, with a different value; both are left for you to choose");
                    return;
                }

                Add(finding, $"removed {annotation.Key} from {at}: {key} there has the same value", new RemoveAnnotation(template.MetadataPath, annotation.Key));
            }
            else
            {
                Add(finding, $"renamed {annotation.Key} to {key} in {at}", new RenameAnnotation(template.MetadataPath, annotation.Key, key));
                planned[key] = annotation.Value;
            }

            planned.Remove(annotation.Key);
        }

        public void Move(Finding finding)
        {
            var (set, annotation) = Find(finding.Path)!.Value;
            if (Intended(finding, annotation.Key) is not { } key)
            {
                return;
            }

            var from = $"{set.MetadataPath}.annotations";
            var to = $"{template.MetadataPath}.annotations";
            var same = planned.TryGetValue(annotation.Key, out var existing) ? annotation.Key : planned.TryGetValue(key, out existing) ? key : null;
            if (same is not null && existing != annotation.Value)
            {
                Leave(finding, $"not moved: {to} has {same} with a different value; both are left for you to choose");
            }
            else if (same is not null)
            {
                Add(finding, $"removed {annotation.Key} from {from}: {to} has the same value", new RemoveAnnotation(set.MetadataPath, annotation.Key));
            }
            else
            {
                var renamed = key == annotation.Key ? string.Empty : $" as {key}";
                Add(finding, $"moved {annotation.Key} from {from} to {to}{renamed}",
                    new CopyAnnotation(set.MetadataPath, annotation.Key, template.MetadataPath, key),
                    new RemoveAnnotation(set.MetadataPath, annotation.Key));
                planned[key] = annotation.Value;
            }
        }

        // The key the annotation is meant to have: a lookalike's nearest key, and the plural for the legacy one.
        private string? Intended(Finding finding, string key)
        {
            var intended = key;
            if (finding.Rule == RuleCatalog.AG007.Id)
            {
                intended = KeyLookalike.IntendedKey(key);
                if (intended is null)
                {
                    return null;
                }

                if (KeyLookalike.EditDistance(key.ToLowerInvariant(), intended) > RenameDistance)
                {
                    Leave(finding, $"not renamed: {key} is too far from {intended} to be sure that is what was meant");
                    return null;
                }
            }

            return intended == AcrAnnotationKeys.LegacyInstanceId && (renameLegacy || finding.Rule == RuleCatalog.AG013.Id) ? AcrAnnotationKeys.InstanceIds : intended;
        }

        private (AnnotationSet Set, Annotation Annotation)? Find(string path)
        {
            foreach (var set in (IEnumerable<AnnotationSet?>)[obj.WorkloadAnnotations, .. obj.NestedAnnotations, template])
            {
                if (set?.Items.FirstOrDefault(a => a.Path == path) is { } annotation)
                {
                    return (set, annotation);
                }
            }

            return null;
        }

        private void Add(Finding finding, string description, params AnnotationChange[] changes) =>
            repairs.Add(new PlannedRepair(finding.Rule, finding.Path, description, changes) { Finding = finding });

        private void Leave(Finding finding, string reason) => left.Add((finding.Rule, finding.Path, reason));
    }
}
