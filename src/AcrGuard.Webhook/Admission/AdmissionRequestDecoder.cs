using System.Text.Json;
using AcrGuard.Configuration;
using AcrGuard.Workloads;
using static AcrGuard.Json.JsonReading;
using static AcrGuard.Webhook.Admission.ReviewJson;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// Reads the envelope of an AdmissionReview strictly, in one pass over the body: a field of the
/// wrong type is named in the error rather than skipped, so that a broken client learns what to
/// fix from the 400. The object and old object are bound in the same pass, each by its own
/// apiVersion and kind (<see cref="AdmittedObject"/>), so that their bytes are read once whatever
/// the order of the body's fields (measured against binding from a slice afterwards, and against a
/// source-generated DTO, in docs/performance.md).
/// </summary>
public static class AdmissionRequestDecoder
{
    public const string ApiVersion = "admission.k8s.io/v1";

    private const string Kind = "AdmissionReview";

    // What request.operation may be, as its values' own strings: none made per review.
    private static readonly string[] Operations = [.. Enum.GetValues<AdmissionOperation>().Select(o => o.WireName())];

    /// <exception cref="BadReviewException">Not an AdmissionReview AcrGuard can answer; the message says why.</exception>
    /// <exception cref="JsonException">Not JSON.</exception>
    public static AdmissionRequest Decode(ReadOnlyMemory<byte> body) => Decode(body, []);

    /// <summary>Decodes a review, binding objects of the configured <paramref name="workloads"/> kinds too.</summary>
    /// <inheritdoc cref="Decode(ReadOnlyMemory{byte})"/>
    public static AdmissionRequest Decode(ReadOnlyMemory<byte> body, IReadOnlyList<WorkloadKind> workloads)
    {
        var reader = new Utf8JsonReader(body.Span, ReaderOptions);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new BadReviewException($"not an AdmissionReview: expected a JSON object, found {Describe(reader.TokenType)}");
        }

        string? apiVersion = null, kind = null;
        Envelope? request = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("apiVersion"u8))
            {
                apiVersion = OptionalString(ref reader, "apiVersion", null, [ApiVersion]);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                kind = OptionalString(ref reader, "kind", null, [Kind]);
            }
            else if (reader.ValueTextEquals("request"u8))
            {
                reader.Read();
                request = reader.TokenType == JsonTokenType.Null ? null : Request(ref reader, body, workloads);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (kind != Kind || apiVersion != ApiVersion)
        {
            throw new BadReviewException(
                $"not an AdmissionReview {ApiVersion}: found kind {Show(kind)}, apiVersion {Show(apiVersion)} (AcrGuard speaks {ApiVersion}; set admissionReviewVersions: [v1])");
        }

        return request?.Validate() ?? throw new BadReviewException("request is missing: an AdmissionReview sent to a webhook carries a request");
    }

    private static Envelope Request(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, IReadOnlyList<WorkloadKind> workloads)
    {
        Expect(ref reader, JsonTokenType.StartObject, "request", null);
        var request = new Envelope();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("uid"u8))
            {
                request.Uid = OptionalString(ref reader, "request.uid", request.Uid);
            }
            else if (reader.ValueTextEquals("operation"u8))
            {
                request.Operation = OptionalString(ref reader, "request.operation", request.Uid, Operations);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                request.Namespace = OptionalString(ref reader, "request.namespace", request.Uid);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                request.Name = OptionalString(ref reader, "request.name", request.Uid);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                request.Kind = GroupVersionKind(ref reader, request.Uid);
            }
            else if (reader.ValueTextEquals("userInfo"u8))
            {
                (request.User, request.Groups) = UserInfo(ref reader, request.Uid);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                request.NewObject = Object(ref reader, body, "request.object", request.Uid, workloads);
            }
            else if (reader.ValueTextEquals("oldObject"u8))
            {
                request.OldObject = Object(ref reader, body, "request.oldObject", request.Uid, workloads);
            }
            else if (reader.ValueTextEquals("dryRun"u8))
            {
                reader.Read();
                request.DryRun = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False or JsonTokenType.Null => false,
                    var other => throw Bad($"request.dryRun: expected true or false, found {Describe(other)}", request.Uid),
                };
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return request;
    }

    // request.userInfo: who asks, as the namespace guard needs it (username and groups); the rest skipped.
    private static (string? User, IReadOnlyList<string> Groups) UserInfo(ref Utf8JsonReader reader, string? uid)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return (null, []);
        }

        Expect(ref reader, JsonTokenType.StartObject, "request.userInfo", uid);
        string? user = null;
        List<string>? groups = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("username"u8))
            {
                user = OptionalString(ref reader, "request.userInfo.username", uid);
            }
            else if (reader.ValueTextEquals("groups"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                Expect(ref reader, JsonTokenType.StartArray, "request.userInfo.groups", uid);
                groups = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    Expect(ref reader, JsonTokenType.String, $"request.userInfo.groups[{groups.Count}]", uid);
                    groups.Add(StringValue(ref reader, $"request.userInfo.groups[{groups.Count}]", uid));
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return (user, groups ?? (IReadOnlyList<string>)[]);
    }

    // request.kind: the kind names the object in messages (the object's own apiVersion and kind
    // choose its model); group and version are checked for their type all the same.
    private static string? GroupVersionKind(ref Utf8JsonReader reader, string? uid)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject, "request.kind", uid);
        string? kind = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("group"u8))
            {
                OptionalString(ref reader, "request.kind.group", uid, ObjectKind.KnownGroups);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                OptionalString(ref reader, "request.kind.version", uid, ObjectKind.KnownVersions);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                kind = OptionalString(ref reader, "request.kind.kind", uid, ObjectKind.KnownNames);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return kind;
    }

    /// <summary>
    /// The object and its bytes in the body. An object that cannot be read as its kind is stepped
    /// over and kept with the reason, which the judgement reports to the user; the review itself is fine.
    /// </summary>
    private static AdmittedObject? Object(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, string path, string? uid, IReadOnlyList<WorkloadKind> workloads)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject, path, uid);
        var start = (int)reader.TokenStartIndex;
        var before = reader;
        try
        {
            var bound = ObjectReader.Read(ref reader, workloads);
            return AdmittedObject.Read(body[start..(int)reader.BytesConsumed], bound);
        }
        catch (UnreadableObjectException e)
        {
            reader = before;
            reader.Skip();
            return AdmittedObject.Unreadable(body[start..(int)reader.BytesConsumed], e.Message);
        }
    }

    private static string Show(string? value) => value is null ? "(none)" : Findings.MessageText.Quote(value);

    /// <summary>The request's fields as read, checked once the whole request is in.</summary>
    private sealed class Envelope
    {
        public string? Uid { get; set; }

        public string? Operation { get; set; }

        public string? Namespace { get; set; }

        public string? Name { get; set; }

        public string? Kind { get; set; }

        public string? User { get; set; }

        public IReadOnlyList<string> Groups { get; set; } = [];

        public bool DryRun { get; set; }

        public AdmittedObject? NewObject { get; set; }

        public AdmittedObject? OldObject { get; set; }

        public AdmissionRequest Validate()
        {
            if (string.IsNullOrEmpty(Uid))
            {
                throw new BadReviewException("request.uid is missing or empty: the answer must echo it");
            }

            var operation = Operation switch
            {
                "CREATE" => AdmissionOperation.Create,
                "UPDATE" => AdmissionOperation.Update,
                "DELETE" => AdmissionOperation.Delete,
                "CONNECT" => AdmissionOperation.Connect,
                null => throw Bad("request.operation is missing: expected CREATE, UPDATE, DELETE or CONNECT", Uid),
                var other => throw Bad($"request.operation {Show(other)} is not CREATE, UPDATE, DELETE or CONNECT", Uid),
            };
            if (NewObject is null && operation is AdmissionOperation.Create or AdmissionOperation.Update)
            {
                throw Bad($"request.object is missing: a {Operation} review carries the object", Uid);
            }

            return new AdmissionRequest
            {
                Uid = Uid,
                Kind = Kind ?? string.Empty,
                Operation = operation,
                Namespace = Namespace ?? string.Empty,
                Name = Name ?? string.Empty,
                User = User ?? string.Empty,
                Groups = Groups,
                DryRun = DryRun,
                NewObject = NewObject,
                OldObject = OldObject,
            };
        }
    }
}
