using AcrGuard.Configuration;
using AcrGuard.Webhook.Admission;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// The review endpoints: <c>/validate</c> in the configured mode, and one path per mode so that
/// one deployment serves an enforcing webhook and an auditing one side by side; and the guard of
/// the namespaces' mode label.
/// </summary>
public static class ValidateEndpoints
{
    public static void MapValidate(this IEndpointRouteBuilder endpoints)
    {
        var handler = endpoints.ServiceProvider.GetRequiredService<ReviewHandler>();
        var port = new Listener(Webhook: true);
        endpoints.MapPost("/validate", context => handler.HandleAsync(context, null)).WithMetadata(port);
        endpoints.MapPost("/validate/enforce", context => handler.HandleAsync(context, EnforcementMode.Enforce)).WithMetadata(port);
        endpoints.MapPost("/validate/audit", context => handler.HandleAsync(context, EnforcementMode.Audit)).WithMetadata(port);

        // The guard of the mode label: only modeLabel's users and groups may downgrade a namespace to audit.
        endpoints.MapPost("/validate/namespace", context => handler.HandleAsync(context, EnforcementMode.Enforce, NamespaceGuard.Judgement)).WithMetadata(port);
    }
}
