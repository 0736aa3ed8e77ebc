using System.CommandLine;
using AcrGuard.Configuration;
using AcrGuard.Webhook.Hosting;
using AcrGuard.Webhook.Tls;
using Microsoft.Extensions.Hosting;

namespace AcrGuard.Commands;

/// <summary><c>acrguard serve</c>: the validating admission webhook, until SIGTERM.</summary>
public static class ServeCommand
{
    public static Command Create(TextWriter stderr)
    {
        var flags = new ServeFlags();
        var command = new Command("serve", "Run the validating admission webhook");
        foreach (var option in flags.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, _) =>
        {
            if (flags.Conflict(result) is { } conflict)
            {
                await stderr.WriteLineAsync($"acrguard: {conflict}").ConfigureAwait(false);
                return AcrGuardCli.UsageError;
            }

            return await RunAsync(flags.ToOptions(result), stderr).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(ServeOptions options, TextWriter stderr)
    {
        IHost host;
        try
        {
            host = WebhookHost.Build(options);
        }
        catch (Exception e) when (e is ConfigException or CertificateException)
        {
            await stderr.WriteLineAsync($"acrguard: {e.Message}").ConfigureAwait(false);
            return AcrGuardCli.UsageError;
        }

        using (host)
        {
            try
            {
                // The host's console lifetime handles SIGTERM: stop accepting, finish in-flight, return.
                await host.RunAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // Kestrel's bind failure (port in use, no permission) is an IOException.
                await stderr.WriteLineAsync($"acrguard: cannot listen: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        return 0;
    }
}
