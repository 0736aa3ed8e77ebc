using System.Text.Json;
using AcrGuard.Annotations;
using AcrGuard.Json;

namespace AcrGuard.Workloads;

/// <summary>
/// Reads a workload of any kind of the table (<see cref="KindBinding.Template"/>: a Deployment, a
/// CronJob, a CloneSet from the configuration's <c>workloads</c> list) by following its template
/// path: only the object's metadata, the pod template (<see cref="PodView"/>) and the metadata of
/// the objects on the way (a CronJob's <c>spec.jobTemplate.metadata</c>) are read, everything else
/// is stepped over. One walk for every workload kind: a kind is a row of the table, not a model of its own.
/// </summary>
internal static class TemplateWalk
{
    public static KubeObject Read(ref Utf8JsonReader reader, ObjectKind workload)
    {
        var found = new Found(workload.TemplateFields.Count);
        Expect(ref reader, workload, 0);
        Walk(ref reader, workload, 0, found);

        var identity = ObjectReader.Identity(found.ApiVersion ?? string.Empty, found.Kind ?? string.Empty, found.Metadata);
        if (found.Template is null && workload.IsConfigured)
        {
            // No template at the path (an Argo Rollout with workloadRef): its pods come from another
            // object's template, judged there; nothing here says where they belong. A built-in
            // kind always has one (kube-apiserver requires it): without it, its own metadata is still judged.
            return new KubeObject(identity, null);
        }

        return new KubeObject(identity, new ReviewedObject
        {
            Identity = identity,
            Kind = workload,
            WorkloadAnnotations = found.Metadata?.Annotations ?? AnnotationSet.Empty("metadata"),
            NestedAnnotations = NestedAnnotations(workload, found),
            Target = found.Template ?? new PullTarget(AnnotationSet.Empty(workload.Paths!.Metadata), [], hasEciMarker: false),
            IsControllerOwned = workload.MadeByController && found.Metadata?.HasController == true,
        });
    }

    // On the object at fields[..depth], positioned on its StartObject; leaves the reader on its EndObject.
    private static void Walk(ref Utf8JsonReader reader, ObjectKind workload, int depth, Found found)
    {
        var fields = workload.TemplateFields;
        var last = fields.Count - 1;

        // An object followed into its spec is an object template (a Job's in a CronJob): its
        // metadata goes to what the workload creates, not to the pods.
        var keepsMetadata = depth == 0 || fields[depth] == "spec";
        while (JsonReading.NextProperty(ref reader))
        {
            if (depth == 0 && reader.ValueTextEquals("apiVersion"u8))
            {
                // The row's own strings when they match, as they do unless the object repeats the
                // field: no string per object (the header chose the row by the first, the last wins).
                found.ApiVersion = ObjectReader.OptionalString(ref reader, "apiVersion", [workload.ApiVersion]);
            }
            else if (depth == 0 && reader.ValueTextEquals("kind"u8))
            {
                found.Kind = ObjectReader.OptionalString(ref reader, "kind", [workload.Name]);
            }
            else if (keepsMetadata && reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                var metadata = MetadataView.Read(ref reader, workload.Name, depth == 0 ? "metadata" : workload.NestedMetadataPaths[depth]);
                if (depth == 0)
                {
                    found.Metadata = metadata;
                }
                else
                {
                    found.Nested[depth] = metadata;
                }
            }
            else if (reader.ValueTextEquals(fields[depth]))
            {
                // A repeated field replaces what was found under the first, as the last value wins
                // for kube-apiserver's decoder too.
                found.ForgetBelow(depth);
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                Expect(ref reader, workload, depth + 1);
                if (depth == last)
                {
                    found.Template = PodView.Read(ref reader, workload.Name, workload.Paths!, isObject: false).Target;
                }
                else
                {
                    Walk(ref reader, workload, depth + 1, found);
                }
            }
            else
            {
                JsonReading.SkipValue(ref reader);
            }
        }
    }

    private static AnnotationSet[] NestedAnnotations(ObjectKind workload, Found found)
    {
        if (!workload.CreatesObjects)
        {
            return [];
        }

        var sets = new List<AnnotationSet>();
        for (var depth = 1; depth < workload.TemplateFields.Count; depth++)
        {
            if (workload.TemplateFields[depth] == "spec")
            {
                sets.Add(found.Nested[depth]?.Annotations ?? AnnotationSet.Empty(workload.NestedMetadataPaths[depth]));
            }
        }

        return [.. sets];
    }

    // The object at fields[..depth]: the object itself at 0.
    private static void Expect(ref Utf8JsonReader reader, ObjectKind workload, int depth)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var where = depth == 0 ? string.Empty : $" at {workload.FieldPaths[depth]}";
            throw new UnreadableObjectException($"{workload.Name}{where}: expected an object, found {JsonReading.Describe(reader.TokenType)}");
        }
    }

    /// <summary>What the walk found: the header, the object's metadata, the template and, by depth, the metadata on the way.</summary>
    private sealed class Found(int depths)
    {
        public string? ApiVersion { get; set; }

        public string? Kind { get; set; }

        public MetadataView? Metadata { get; set; }

        public MetadataView?[] Nested { get; } = new MetadataView?[depths];

        public PullTarget? Template { get; set; }

        public void ForgetBelow(int depth)
        {
            Template = null;
            Array.Clear(Nested, depth + 1, Nested.Length - depth - 1);
        }
    }
}
