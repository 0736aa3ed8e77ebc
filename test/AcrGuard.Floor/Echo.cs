using System.Text.Json;
using AcrGuard.Webhook.Hosting;
using Microsoft.AspNetCore.Http;

namespace AcrGuard.Floor;

/// <summary>
/// The least a webhook must do per review: read the body as the webhook does, parse it, find
/// request.uid, and answer "allowed" for it. No webhook on this stack can be faster.
/// </summary>
internal static class Echo
{
    // As AdmissionReviewer parses: the same depth limit, so the same parser work.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    // The webhook's default budget and waits, so that admission costs the same.
    private static readonly RequestBudget Budget = new(RequestBudget.DefaultCapacity());

    public static async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        string? uid;
        using (var body = await RequestBody.ReadAsync(context.Request, Budget, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), context.RequestAborted).ConfigureAwait(false))
        {
            if (body.Status != BodyStatus.Read)
            {
                response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            try
            {
                using var document = JsonDocument.Parse(body.Bytes, DocumentOptions);
                uid = Uid(document.RootElement);
            }
            catch (JsonException)
            {
                uid = null;
            }
        }

        if (uid is null)
        {
            // A load run sends only valid reviews: a 400 here means the script sent the wrong file.
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "admission.k8s.io/v1");
            writer.WriteString("kind", "AdmissionReview");
            writer.WriteStartObject("response");
            writer.WriteString("uid", uid);
            writer.WriteBoolean("allowed", true);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static string? Uid(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Object
        && request.TryGetProperty("uid", out var uid) && uid.ValueKind == JsonValueKind.String
            ? uid.GetString()
            : null;
}
