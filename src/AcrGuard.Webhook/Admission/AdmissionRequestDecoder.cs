using System.Text.Json;

namespace AcrGuard.Webhook.Admission;

/// <summary>
/// Reads the envelope of an AdmissionReview strictly: a field of the wrong type is named in the
/// error rather than skipped, so that a broken client learns what to fix from the 400.
/// </summary>
public static class AdmissionRequestDecoder
{
    public const string ApiVersion = "admission.k8s.io/v1";

    public static AdmissionRequest Decode(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BadReviewException($"not an AdmissionReview: expected a JSON object, found {Describe(root.ValueKind)}");
        }

        var apiVersion = String(root, "apiVersion", "apiVersion");
        var kind = String(root, "kind", "kind");
        if (kind != "AdmissionReview" || apiVersion != ApiVersion)
        {
            throw new BadReviewException(
                $"not an AdmissionReview {ApiVersion}: found kind {Show(kind)}, apiVersion {Show(apiVersion)} (AcrGuard speaks {ApiVersion}; set admissionReviewVersions: [v1])");
        }

        if (!root.TryGetProperty("request", out var request) || request.ValueKind == JsonValueKind.Null)
        {
            throw new BadReviewException("request is missing: an AdmissionReview sent to a webhook carries a request");
        }

        Expect(request, JsonValueKind.Object, "request");
        var uid = String(request, "uid", "request.uid");
        if (string.IsNullOrEmpty(uid))
        {
            throw new BadReviewException("request.uid is missing or empty: the answer must echo it");
        }

        try
        {
            return Request(request, uid);
        }
        catch (BadReviewException e)
        {
            throw new BadReviewException(e.Message, e) { Uid = uid };
        }
    }

    private static AdmissionRequest Request(JsonElement request, string uid)
    {
        var operation = String(request, "operation", "request.operation") switch
        {
            "CREATE" => AdmissionOperation.Create,
            "UPDATE" => AdmissionOperation.Update,
            "DELETE" => AdmissionOperation.Delete,
            "CONNECT" => AdmissionOperation.Connect,
            null => throw new BadReviewException("request.operation is missing: expected CREATE, UPDATE, DELETE or CONNECT"),
            var other => throw new BadReviewException($"request.operation {Show(other)} is not CREATE, UPDATE, DELETE or CONNECT"),
        };

        var kind = string.Empty;
        if (Optional(request, "kind", JsonValueKind.Object, "request.kind") is { } gvk)
        {
            kind = String(gvk, "kind", "request.kind.kind") ?? string.Empty;
        }

        var user = string.Empty;
        if (Optional(request, "userInfo", JsonValueKind.Object, "request.userInfo") is { } userInfo)
        {
            user = String(userInfo, "username", "request.userInfo.username") ?? string.Empty;
        }

        var obj = Optional(request, "object", JsonValueKind.Object, "request.object");
        if (obj is null && operation is AdmissionOperation.Create or AdmissionOperation.Update)
        {
            throw new BadReviewException($"request.object is missing: a {operation.ToString().ToUpperInvariant()} review carries the object");
        }

        return new AdmissionRequest
        {
            Uid = uid,
            Kind = kind,
            Operation = operation,
            Namespace = String(request, "namespace", "request.namespace") ?? string.Empty,
            Name = String(request, "name", "request.name") ?? string.Empty,
            User = user,
            DryRun = Bool(request, "dryRun", "request.dryRun"),
            ObjectJson = obj,
            OldObjectJson = Optional(request, "oldObject", JsonValueKind.Object, "request.oldObject"),
        };
    }

    private static string? String(JsonElement parent, string name, string path)
    {
        if (Optional(parent, name, JsonValueKind.String, path) is not { } value)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader checks structure, not the bytes inside strings: transcoding finds them.
            throw new BadReviewException($"{path}: not valid UTF-8", e);
        }
    }

    private static bool Bool(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            var other => throw new BadReviewException($"{path}: expected true or false, found {Describe(other)}"),
        };

    private static JsonElement? Optional(JsonElement parent, string name, JsonValueKind kind, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(value, kind, path);
        return value;
    }

    private static void Expect(JsonElement value, JsonValueKind kind, string path)
    {
        if (value.ValueKind != kind)
        {
            throw new BadReviewException($"{path}: expected {Describe(kind)}, found {Describe(value.ValueKind)}");
        }
    }

    private static string Show(string? value) => value is null ? "(none)" : Findings.MessageText.Quote(value);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
