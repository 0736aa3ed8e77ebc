using System.Text.Json.Nodes;

namespace AcrGuard.FakeKubeApi;

/// <summary>The <c>Status</c> objects kube-apiserver answers errors with, worded as it words them.</summary>
public static class StatusBodies
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null, string? continueToken = null)
    {
        var metadata = new JsonObject();
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = metadata,
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static JsonObject Unauthorized() => Failure(401, "Unauthorized", "Unauthorized");

    public static JsonObject ResourceNotServed() => Failure(404, "NotFound", "the server could not find the requested resource", []);

    public static JsonObject NotFound(ApiResource resource, string name) =>
        Failure(404, "NotFound", $"{Qualified(resource)} \"{name}\" not found", Details(resource, name));

    public static JsonObject AlreadyExists(ApiResource resource, string name) =>
        Failure(409, "AlreadyExists", $"{Qualified(resource)} \"{name}\" already exists", Details(resource, name));

    public static JsonObject Conflict(ApiResource resource, string name) =>
        Failure(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(resource)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", Details(resource, name));

    public static JsonObject Forbidden(ApiResource resource, string verb, string? ns, string user) =>
        Failure(403, "Forbidden",
            $"{Qualified(resource)} is forbidden: User \"{user}\" cannot {verb} resource \"{resource.Plural}\" in API group \"{resource.Group}\" " + (ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\""),
            new JsonObject { ["group"] = resource.Group, ["kind"] = resource.Plural });

    // The text kube-apiserver sends with an expired continue token (staging/src/k8s.io/apiserver/pkg/storage/errors.go).
    public static JsonObject Expired(string? freshContinue) => Failure(410, "Expired",
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
        continueToken: freshContinue);

    public static JsonObject BadRequest(string message) => Failure(400, "BadRequest", message);

    public static JsonObject Deleted(ApiResource resource, string name, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural, ["uid"] = uid },
    };

    private static string Qualified(ApiResource resource) => resource.Group.Length == 0 ? resource.Plural : $"{resource.Plural}.{resource.Group}";

    private static JsonObject Details(ApiResource resource, string name) =>
        new() { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural };
}
