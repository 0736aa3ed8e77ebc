using AcrGuard.Floor;
using Microsoft.Extensions.Hosting;

FloorOptions options;
try
{
    options = FloorOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"floor: {e.Message}").ConfigureAwait(false);
    return 2;
}

using var host = FloorHost.Build(options);
await host.RunAsync().ConfigureAwait(false);
return 0;
