using System.Net;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// The webhook port's connection slots held per remote address. Kestrel's own limit
/// (<see cref="ServerLimits"/>) bounds all connections together, first come first served: one
/// client that opens them all and trickles (or reconnects whenever one is cut off) would leave
/// kube-apiserver none. So no address may hold more than <see cref="PerClient"/> of them, and the
/// rest stays for everyone else.
/// </summary>
public sealed partial class ConnectionShare
{
    private readonly Lock gate = new();
    private readonly Dictionary<IPAddress, int> open = [];

    public ConnectionShare(int capacity, int sharePercent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sharePercent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sharePercent, 100);
        Capacity = capacity;
        PerClient = Math.Max(1, (int)((long)capacity * sharePercent / 100));
    }

    /// <summary>All connections of the port together (Kestrel enforces it).</summary>
    public int Capacity { get; }

    /// <summary>What one address may hold.</summary>
    public int PerClient { get; }

    /// <summary>The share <c>serve</c> runs with, said in the log at start: an operator sizing memory needs the figures.</summary>
    public static ConnectionShare For(ServeOptions options, ILogger<ConnectionShare> logger)
    {
        var share = new ConnectionShare(options.MaxConnections ?? ServerLimits.DefaultMaxConnections(), options.ClientSharePercent);
        Sized(logger, share.Capacity, share.PerClient, options.MaxConnections is null ? $"a quarter of the memory the process may use at {ServerLimits.BytesPerConnection} bytes each" : "--max-connections");
        return share;
    }

    /// <summary>Connections held by <paramref name="address"/> now.</summary>
    public int HeldBy(IPAddress address)
    {
        lock (gate)
        {
            return open.GetValueOrDefault(address);
        }
    }

    /// <summary>Takes a slot for <paramref name="address"/>; false when it holds its share already.</summary>
    public bool TryOpen(IPAddress address)
    {
        lock (gate)
        {
            var held = open.GetValueOrDefault(address);
            if (held >= PerClient)
            {
                return false;
            }

            open[address] = held + 1;
            return true;
        }
    }

    /// <summary>Gives back a slot taken by <see cref="TryOpen"/>.</summary>
    public void Close(IPAddress address)
    {
        lock (gate)
        {
            var held = open.GetValueOrDefault(address) - 1;
            if (held <= 0)
            {
                // Gone from the table with its last connection: one entry per client connected now, not per client ever seen.
                open.Remove(address);
            }
            else
            {
                open[address] = held;
            }
        }
    }

    [LoggerMessage(EventId = 16, EventName = "ConnectionsSized", Level = LogLevel.Information,
        Message = "The webhook port takes {Capacity} connections ({PerClient} per client address), from {Source}")]
    private static partial void Sized(ILogger logger, int capacity, int perClient, string source);
}
