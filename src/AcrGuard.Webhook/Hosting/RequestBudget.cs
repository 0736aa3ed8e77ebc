using Microsoft.Extensions.Logging;

namespace AcrGuard.Webhook.Hosting;

/// <summary>
/// The bytes of request bodies the webhook holds at once. A body is admitted only when its size
/// fits what is left; otherwise it waits, first come first served among those that fit, for a
/// bounded time, and is then refused (HTTP 429). Large bodies together may hold the budget less
/// <see cref="SmallReserve"/>; small ones the whole of it, so that a flood of large bodies, which
/// nothing in the cluster sends in normal work, cannot starve the few-KiB reviews that are.
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
    private long used;
    private long usedByLarge;

    public RequestBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, MinimumBytes);
        Capacity = capacity;

        // A quarter: at 64 KiB each, room for forty small reviews at once even at the minimum.
        SmallReserve = capacity / 4;
    }

    public long Capacity { get; }

    /// <summary>The part of the budget only small bodies may use.</summary>
    public long SmallReserve { get; }

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
        var budget = new RequestBudget(options.MaxInflightBytes ?? DefaultCapacity(available));
        Sized(logger, budget.Capacity, budget.SmallReserve, options.MaxInflightBytes is null ? "a sixteenth of the memory the process may use" : "--max-inflight-bytes", available);
        return budget;
    }

    /// <summary>
    /// Takes room for <paramref name="bytes"/>, waiting at most <paramref name="wait"/>; null when
    /// the room did not come in time (or can never come: the body is larger than large bodies may hold).
    /// </summary>
    /// <exception cref="OperationCanceledException">The client went away while waiting.</exception>
    public async ValueTask<Lease?> AcquireAsync(long bytes, TimeSpan wait, CancellationToken cancellation)
    {
        var large = bytes > SmallBodyBytes;
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (gate)
        {
            if (bytes > (large ? Capacity - SmallReserve : Capacity))
            {
                return null;
            }

            // A small body that fits goes ahead of the large ones waiting: that is what the reserve is for.
            if ((waiters.Count == 0 || !large) && Fits(bytes, large))
            {
                Take(bytes, large);
                return new Lease(this, bytes, large);
            }

            waiter = new Waiter(bytes, large);
            node = waiters.AddLast(waiter);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(wait);
        using (timeout.Token.UnsafeRegister(static state => ((Waiter)state!).Granted.TrySetResult(false), waiter))
        {
            await waiter.Granted.Task.ConfigureAwait(false);
        }

        lock (gate)
        {
            if (waiter.Admitted)
            {
                return new Lease(this, bytes, large);
            }

            waiters.Remove(node);
        }

        cancellation.ThrowIfCancellationRequested();
        return null;
    }

    // Large bodies together stay out of the reserve; all bodies together within the capacity.
    private bool Fits(long bytes, bool large) =>
        used + bytes <= Capacity && (!large || usedByLarge + bytes <= Capacity - SmallReserve);

    private void Take(long bytes, bool large)
    {
        used += bytes;
        if (large)
        {
            usedByLarge += bytes;
        }
    }

    private void Release(long bytes, bool large)
    {
        List<Waiter>? admitted = null;
        lock (gate)
        {
            used -= bytes;
            if (large)
            {
                usedByLarge -= bytes;
            }

            // In arrival order, each that fits now: a large body at the head does not hold back a
            // small one behind it (that would undo the reserve), nor does one that waits in vain.
            for (var node = waiters.First; node is not null;)
            {
                var next = node.Next;
                var waiter = node.Value;
                if (!waiter.Granted.Task.IsCompleted && Fits(waiter.Bytes, waiter.Large))
                {
                    Take(waiter.Bytes, waiter.Large);
                    waiter.Admitted = true;
                    waiters.Remove(node);
                    (admitted ??= []).Add(waiter);
                }

                node = next;
            }
        }

        // Outside the lock: continuations may run inline.
        if (admitted is not null)
        {
            foreach (var waiter in admitted)
            {
                waiter.Granted.TrySetResult(true);
            }
        }
    }

    /// <summary>Room held for one body; disposing gives it back.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly RequestBudget budget;
        private readonly bool large;
        private long bytes;

        internal Lease(RequestBudget budget, long bytes, bool large)
        {
            this.budget = budget;
            this.bytes = bytes;
            this.large = large;
        }

        public void Dispose()
        {
            var held = Interlocked.Exchange(ref bytes, 0);
            if (held > 0)
            {
                budget.Release(held, large);
            }
        }
    }

    private sealed class Waiter(long bytes, bool large)
    {
        public long Bytes { get; } = bytes;

        public bool Large { get; } = large;

        // Set under the budget's lock before Granted completes: the decision, whatever woke the waiter.
        public bool Admitted { get; set; }

        public TaskCompletionSource<bool> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 8, EventName = "BudgetSized", Level = LogLevel.Information,
        Message = "Request bodies in flight share {Capacity} bytes ({SmallReserve} kept for small reviews), from {Source}; the GC may use {AvailableBytes} bytes")]
    private static partial void Sized(ILogger logger, long capacity, long smallReserve, string source, long availableBytes);
}
