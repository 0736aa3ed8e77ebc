using System.Net;
using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// The bytes of request bodies the webhook holds at once. A body is admitted only when its size
/// fits what is left; otherwise it waits, first come first served among those that fit, for a
/// bounded time, and is then refused (HTTP 429). Large bodies together may hold the budget less
/// <see cref="SmallReserve"/>; small ones the whole of it, so that a flood of large bodies, which
/// nothing in the cluster sends in normal work, cannot starve the few-KiB reviews that are.
/// Bodies are also counted per client address: while another client waits, one that holds more
/// than <see cref="ClientShare"/> (its first body always fits its share) waits behind it, so one
/// client cannot keep the budget to itself either; alone, a client may use all of it.
/// </summary>
public sealed partial class RequestBudget
{
    /// <summary>A body up to this size is a small review: what kube-apiserver sends for almost every object.</summary>
    public const int SmallBodyBytes = 64 * 1024;

    /// <summary>Never below this: room for one body of the largest size besides the small reserve.</summary>
    public const long MinimumBytes = 10 * 1024 * 1024;

    // Used when the runtime reports no memory limit: bodies in flight stay well inside any node.
    private const long MaximumDefaultBytes = 256L * 1024 * 1024;

    private readonly Lock gate = new();
    private readonly LinkedList<Waiter> waiters = new();
    private readonly Dictionary<IPAddress, long> usedByClient = [];
    private long used;
    private long usedByLarge;

    public RequestBudget(long capacity, int clientSharePercent = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, MinimumBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(clientSharePercent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clientSharePercent, 100);
        Capacity = capacity;

        // A quarter: at 64 KiB each, room for forty small reviews at once even at the minimum.
        SmallReserve = capacity / 4;
        ClientShare = capacity * clientSharePercent / 100;
    }

    public long Capacity { get; }

    /// <summary>The part of the budget only small bodies may use.</summary>
    public long SmallReserve { get; }

    /// <summary>What one client address may hold while other clients wait.</summary>
    public long ClientShare { get; }

    /// <summary>Bytes held by bodies in flight now.</summary>
    public long InUse
    {
        get
        {
            lock (gate)
            {
                return used;
            }
        }
    }

    /// <summary>Bodies waiting for room now.</summary>
    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return waiters.Count;
            }
        }
    }

    /// <summary>Bytes held by bodies of <paramref name="client"/> now.</summary>
    public long HeldBy(IPAddress? client)
    {
        lock (gate)
        {
            return usedByClient.GetValueOrDefault(client ?? IPAddress.None);
        }
    }

    /// <summary>
    /// The default: a sixteenth of the memory the process may use, which is the GC heap limit
    /// (set by the runtime at 75% of a container's memory limit, or by <c>DOTNET_GCHeapHardLimit</c>),
    /// else the machine's memory; at most 256 MiB. A body costs about three times its size while
    /// it is judged (its strings are UTF-16, and the bound object besides), the GC keeps some of
    /// the freed room committed, and the process needs native memory beside the heap: under
    /// deploy/'s 256 MiB limit this is 12 MiB, room for one 6.5 MiB review at a time besides the
    /// small ones, and test/load/flood.sh's peak RSS stays under the limit (docs/reliability.md).
    /// </summary>
    public static long DefaultCapacity(long availableMemoryBytes) =>
        Math.Clamp(availableMemoryBytes / 16, MinimumBytes, MaximumDefaultBytes);

    /// <summary>The default for this process, from <see cref="GC.GetGCMemoryInfo()"/>.</summary>
    public static long DefaultCapacity() => DefaultCapacity(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>The budget <c>serve</c> runs with, said in the log at start: an operator sizing memory needs the figure.</summary>
    public static RequestBudget For(ServeOptions options, ILogger<RequestBudget> logger)
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var budget = new RequestBudget(options.MaxInflightBytes ?? DefaultCapacity(available), options.ClientSharePercent);
        Sized(logger, budget.Capacity, budget.SmallReserve, options.MaxInflightBytes is null ? "a sixteenth of the memory the process may use" : "--max-inflight-bytes", available);
        return budget;
    }

    /// <summary>
    /// Takes room for <paramref name="bytes"/>, waiting at most <paramref name="wait"/>; null when
    /// the room did not come in time (or can never come: the body is larger than large bodies may hold).
    /// </summary>
    /// <exception cref="OperationCanceledException">The client went away while waiting.</exception>
    public async ValueTask<Lease?> AcquireAsync(long bytes, TimeSpan wait, CancellationToken cancellation) =>
        (await AdmitAsync(bytes, null, wait, cancellation).ConfigureAwait(false)).Lease;

    /// <summary>
    /// Takes room for <paramref name="bytes"/> of <paramref name="client"/>'s (null: a client
    /// without an address), waiting at most <paramref name="wait"/>; without a lease when the room
    /// did not come in time, saying whether the client then held more than its share.
    /// </summary>
    /// <exception cref="OperationCanceledException">The client went away while waiting.</exception>
    public async ValueTask<Admission> AdmitAsync(long bytes, IPAddress? client, TimeSpan wait, CancellationToken cancellation)
    {
        var key = client ?? IPAddress.None;
        var large = bytes > SmallBodyBytes;
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (gate)
        {
            if (bytes > (large ? Capacity - SmallReserve : Capacity))
            {
                return default;
            }

            if (MayGoNow(bytes, large, key))
            {
                Take(bytes, large, key);
                return new Admission(new Lease(this, bytes, large, key), ClientOverShare: false);
            }

            waiter = new Waiter(bytes, large, key);
            node = waiters.AddLast(waiter);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(wait);
        using (timeout.Token.UnsafeRegister(static state => ((Waiter)state!).Granted.TrySetResult(false), waiter))
        {
            await waiter.Granted.Task.ConfigureAwait(false);
        }

        bool overShare;
        List<Waiter>? admitted;
        lock (gate)
        {
            if (waiter.Admitted)
            {
                return new Admission(new Lease(this, bytes, large, key), ClientOverShare: false);
            }

            waiters.Remove(node);

            // Held back by its share: it would have fitted, or it queued behind other clients within theirs.
            overShare = !WithinShare(bytes, key) && (Fits(bytes, large) || OtherWithinShareWaits(key));

            // Gone from the queue, it holds nobody back any more: a client past its share may go now.
            admitted = AdmitWaiting();
        }

        Grant(admitted);
        cancellation.ThrowIfCancellationRequested();
        return new Admission(null, overShare);
    }

    // On arrival. A small body that fits goes ahead of the large ones waiting: that is what the
    // reserve is for. A large one keeps its turn behind those waiting with as good a claim (else a
    // stream of smaller large bodies could starve a larger one). Past its share, a client goes
    // only while no other client within its share waits.
    private bool MayGoNow(long bytes, bool large, IPAddress client)
    {
        if (!Fits(bytes, large))
        {
            return false;
        }

        var within = WithinShare(bytes, client);
        foreach (var waiter in waiters)
        {
            if (waiter.Granted.Task.IsCompleted)
            {
                continue;
            }

            var waiterWithin = WithinShare(waiter.Bytes, waiter.Client);
            if ((!within && waiterWithin && !waiter.Client.Equals(client)) || (large && (waiterWithin || !within)))
            {
                return false;
            }
        }

        return true;
    }

    // A client's first body is always within its share: every client gets one body in flight.
    private bool WithinShare(long bytes, IPAddress client) =>
        usedByClient.GetValueOrDefault(client) is var held && (held == 0 || held + bytes <= ClientShare);

    // Large bodies together stay out of the reserve; all bodies together within the capacity.
    private bool Fits(long bytes, bool large) =>
        used + bytes <= Capacity && (!large || usedByLarge + bytes <= Capacity - SmallReserve);

    private void Take(long bytes, bool large, IPAddress client)
    {
        used += bytes;
        if (large)
        {
            usedByLarge += bytes;
        }

        usedByClient[client] = usedByClient.GetValueOrDefault(client) + bytes;
    }

    private void Release(long bytes, bool large, IPAddress client)
    {
        List<Waiter>? admitted;
        lock (gate)
        {
            used -= bytes;
            if (large)
            {
                usedByLarge -= bytes;
            }

            var held = usedByClient.GetValueOrDefault(client) - bytes;
            if (held <= 0)
            {
                usedByClient.Remove(client);
            }
            else
            {
                usedByClient[client] = held;
            }

            admitted = AdmitWaiting();
        }

        Grant(admitted);
    }

    // Those within their client's share first, then the others while none within waits; each pass
    // in arrival order, each that fits now: a large body at the head does not hold back a small one
    // behind it (that would undo the reserve), nor does one that waits in vain. Under the lock.
    private List<Waiter>? AdmitWaiting()
    {
        List<Waiter>? admitted = null;
        Admit(withinShare: true, ref admitted);
        Admit(withinShare: false, ref admitted);
        return admitted;
    }

    // Outside the lock: continuations may run inline.
    private static void Grant(List<Waiter>? admitted)
    {
        if (admitted is not null)
        {
            foreach (var waiter in admitted)
            {
                waiter.Granted.TrySetResult(true);
            }
        }
    }

    private void Admit(bool withinShare, ref List<Waiter>? admitted)
    {
        for (var node = waiters.First; node is not null;)
        {
            var next = node.Next;
            var waiter = node.Value;
            if (!waiter.Granted.Task.IsCompleted && Fits(waiter.Bytes, waiter.Large)
                && (withinShare ? WithinShare(waiter.Bytes, waiter.Client) : !OtherWithinShareWaits(waiter.Client)))
            {
                Take(waiter.Bytes, waiter.Large, waiter.Client);
                waiter.Admitted = true;
                waiters.Remove(node);
                (admitted ??= []).Add(waiter);
            }

            node = next;
        }
    }

    private bool OtherWithinShareWaits(IPAddress client)
    {
        foreach (var waiter in waiters)
        {
            if (!waiter.Client.Equals(client) && !waiter.Granted.Task.IsCompleted && WithinShare(waiter.Bytes, waiter.Client))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What a request for room came to: a lease, or none and whether its client's share held it
    /// back (it would have taken the client past its share while the room was there, or while
    /// other clients within theirs waited).
    /// </summary>
    public readonly record struct Admission(Lease? Lease, bool ClientOverShare);

    /// <summary>Room held for one body; disposing gives it back.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly RequestBudget budget;
        private readonly bool large;
        private readonly IPAddress client;
        private long bytes;

        internal Lease(RequestBudget budget, long bytes, bool large, IPAddress client)
        {
            this.budget = budget;
            this.bytes = bytes;
            this.large = large;
            this.client = client;
        }

        public void Dispose()
        {
            var held = Interlocked.Exchange(ref bytes, 0);
            if (held > 0)
            {
                budget.Release(held, large, client);
            }
        }
    }

    private sealed class Waiter(long bytes, bool large, IPAddress client)
    {
        public long Bytes { get; } = bytes;

        public bool Large { get; } = large;

        public IPAddress Client { get; } = client;

        // Set under the budget's lock before Granted completes: the decision, whatever woke the waiter.
        public bool Admitted { get; set; }

        public TaskCompletionSource<bool> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 8, EventName = "BudgetSized", Level = LogLevel.Information,
        Message = "Request bodies in flight share {Capacity} bytes ({SmallReserve} kept for small reviews), from {Source}; the GC may use {AvailableBytes} bytes")]
    private static partial void Sized(ILogger logger, long capacity, long smallReserve, string source, long availableBytes);
}
