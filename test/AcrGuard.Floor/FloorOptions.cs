using System.Globalization;

namespace AcrGuard.Floor;

/// <summary>
/// The flags of <c>acrguard serve</c> that matter to a load run, with its defaults. Anything else
/// is refused, so that a typo in load.sh fails loudly instead of measuring the wrong thing.
/// </summary>
internal sealed record FloorOptions(int Port, int MetricsPort, string? TlsCert, string? TlsKey)
{
    public static FloorOptions Parse(string[] args)
    {
        var options = new FloorOptions(8443, 9090, null, null);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--port" => options with { Port = ParsePort(args[i], value) },
                "--metrics-port" => options with { MetricsPort = ParsePort(args[i], value) },
                "--tls-cert" => options with { TlsCert = value },
                "--tls-key" => options with { TlsKey = value },
                _ => throw new ArgumentException($"unknown option {args[i]}: the floor takes --port, --metrics-port, --tls-cert, --tls-key"),
            };
        }

        if ((options.TlsCert is null) != (options.TlsKey is null))
        {
            throw new ArgumentException("--tls-cert and --tls-key go together");
        }

        return options;
    }

    private static int ParsePort(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new ArgumentException($"{name} must be a port number from 1 to 65535");
}
