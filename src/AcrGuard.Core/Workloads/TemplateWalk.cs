using System.Text.Json;
using AcrGuard.Annotations;
using AcrGuard.Json;
using k8s.Models;

namespace AcrGuard.Workloads;

/// <summary>
/// Reads a workload of any kind of the table (<see cref="KindBinding.Template"/>: a Deployment, a
/// CronJob, a CloneSet from the configuration's <c>workloads</c> list) by following its template
/// path: only the object's metadata, the pod template and the metadata of the objects on the way
/// (a CronJob's <c>spec.jobTemplate.metadata</c>) are bound, everything else is skipped. One walk
/// for every workload kind: a kind is a row of the table, not a model of its own.
/// </summary>
internal static class TemplateWalk
{
    public static KubeObject Read(ref Utf8JsonReader reader, ObjectKind workload, JsonSerializerOptions options)
    {
        var found = new Found(workload.TemplateFields.Count);
        try
        {
            if (reader.TokenType == JsonTokenType.None)
            {
                reader.Read();
            }

            Expect(ref reader, workload, string.Empty);
            Walk(ref reader, workload, 0, found, options);
        }
        catch (JsonException e)
        {
            throw new UnreadableObjectException($"{workload.Name}: {ObjectReader.FirstSentence(e.Message)}", e);
        }

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
            WorkloadAnnotations = new AnnotationSet("metadata", found.Metadata?.Annotations),
            NestedAnnotations = NestedAnnotations(workload, found),
            Target = PodTemplates.Template(found.Template, workload.TemplatePath!),
            IsControllerOwned = workload.MadeByController && ObjectReader.IsControllerOwned(found.Metadata),
        });
    }

    // On the object at fields[..depth], positioned on its StartObject; leaves the reader on its EndObject.
    private static void Walk(ref Utf8JsonReader reader, ObjectKind workload, int depth, Found found, JsonSerializerOptions options)
    {
        var fields = workload.TemplateFields;
        var last = fields.Count - 1;

        // An object followed into its spec is an object template (a Job's in a CronJob): its
        // metadata goes to what the workload creates, not to the pods.
        var keepsMetadata = depth == 0 || fields[depth] == "spec";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (depth == 0 && reader.ValueTextEquals("apiVersion"u8))
            {
                found.ApiVersion = ObjectReader.OptionalString(ref reader, "apiVersion");
            }
            else if (depth == 0 && reader.ValueTextEquals("kind"u8))
            {
                found.Kind = ObjectReader.OptionalString(ref reader, "kind");
            }
            else if (keepsMetadata && reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                var at = depth == 0 ? "metadata" : $"{Join(fields, depth)}.metadata";
                var metadata = reader.TokenType == JsonTokenType.Null ? null : ObjectReader.Bind<V1ObjectMeta>(ref reader, workload.Name, options, at);
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

                var at = Join(fields, depth + 1);
                Expect(ref reader, workload, at);
                if (depth == last)
                {
                    found.Template = ObjectReader.Bind<V1PodTemplateSpec>(ref reader, workload.Name, options, at);
                }
                else
                {
                    Walk(ref reader, workload, depth + 1, found, options);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static List<AnnotationSet> NestedAnnotations(ObjectKind workload, Found found)
    {
        var sets = new List<AnnotationSet>();
        for (var depth = 1; depth < workload.TemplateFields.Count; depth++)
        {
            if (workload.TemplateFields[depth] == "spec")
            {
                sets.Add(new AnnotationSet($"{Join(workload.TemplateFields, depth)}.metadata", found.Nested[depth]?.Annotations));
            }
        }

        return sets;
    }

    private static void Expect(ref Utf8JsonReader reader, ObjectKind workload, string at)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var where = at.Length == 0 ? string.Empty : $" at {at}";
            throw new UnreadableObjectException($"{workload.Name}{where}: expected an object, found {JsonReading.Describe(reader.TokenType)}");
        }
    }

    private static string Join(IReadOnlyList<string> fields, int count) => string.Join('.', fields.Take(count));

    /// <summary>What the walk found: the header, the object's metadata, the template and, by depth, the metadata on the way.</summary>
    private sealed class Found(int depths)
    {
        public string? ApiVersion { get; set; }

        public string? Kind { get; set; }

        public V1ObjectMeta? Metadata { get; set; }

        public V1ObjectMeta?[] Nested { get; } = new V1ObjectMeta?[depths];

        public V1PodTemplateSpec? Template { get; set; }

        public void ForgetBelow(int depth)
        {
            Template = null;
            Array.Clear(Nested, depth + 1, Nested.Length - depth - 1);
        }
    }
}
