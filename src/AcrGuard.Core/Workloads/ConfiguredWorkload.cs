using System.Text.Json;
using AcrGuard.Annotations;
using AcrGuard.Configuration;
using AcrGuard.Json;
using k8s.Models;

namespace AcrGuard.Workloads;

/// <summary>
/// Reads an object of a kind from the configuration's <c>workloads</c> list (a CloneSet, an Argo
/// Rollout): KubernetesClient has no model for it, so the reader follows the template path and
/// binds only the object's metadata, the pod template and the metadata of the objects on the way
/// (as a CronJob's <c>spec.jobTemplate.metadata</c>), with the same models and pruned options as
/// the built-in kinds; everything else is skipped.
/// </summary>
internal static class ConfiguredWorkload
{
    public static KubeObject Read(ref Utf8JsonReader reader, WorkloadKind workload, JsonSerializerOptions options)
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
            throw new UnreadableObjectException($"{workload.Kind}: {ObjectReader.FirstSentence(e.Message)}", e);
        }

        var identity = ObjectReader.Identity(found.ApiVersion ?? string.Empty, found.Kind ?? string.Empty, found.Metadata);
        if (found.Template is not { } template)
        {
            // No template at the path (an Argo Rollout with workloadRef): its pods come from another
            // object's template, judged there; nothing here says where they belong.
            return new KubeObject(identity, null);
        }

        return new KubeObject(identity, new ReviewedObject
        {
            Identity = identity,
            Kind = ObjectKind.ConfiguredWorkload,
            WorkloadAnnotations = new AnnotationSet("metadata", found.Metadata?.Annotations),
            NestedAnnotations = NestedAnnotations(workload, found),
            Target = PodTemplates.Template(template, workload.TemplatePath),
        });
    }

    // On the object at fields[..depth], positioned on its StartObject; leaves the reader on its EndObject.
    private static void Walk(ref Utf8JsonReader reader, WorkloadKind workload, int depth, Found found, JsonSerializerOptions options)
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
                var metadata = reader.TokenType == JsonTokenType.Null ? null : ObjectReader.Bind<V1ObjectMeta>(ref reader, workload.Kind, options, at);
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
                    found.Template = ObjectReader.Bind<V1PodTemplateSpec>(ref reader, workload.Kind, options, at);
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

    private static List<AnnotationSet> NestedAnnotations(WorkloadKind workload, Found found)
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

    private static void Expect(ref Utf8JsonReader reader, WorkloadKind workload, string at)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var where = at.Length == 0 ? string.Empty : $" at {at}";
            throw new UnreadableObjectException($"{workload.Kind}{where}: expected an object, found {JsonReading.Describe(reader.TokenType)}");
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
