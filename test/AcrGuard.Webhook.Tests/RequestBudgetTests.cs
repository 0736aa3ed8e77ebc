using AcrGuard.Webhook.Hosting;

namespace AcrGuard.Webhook.Tests;

/// <summary>The budget's rules on its own: the small reserve, who goes first, and the room given back.</summary>
public sealed class RequestBudgetTests
{
    private const long Capacity = 16 * 1024 * 1024;
    private const long Large = 6 * 1024 * 1024;
    private const long Small = 8 * 1024;
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Test]
    public async Task Large_bodies_stop_at_the_small_reserve_while_small_ones_use_it()
    {
        var budget = new RequestBudget(Capacity);
        using var first = await budget.AcquireAsync(Large, Long, CancellationToken.None);
        using var second = await budget.AcquireAsync(Large, Long, CancellationToken.None);

        // 12 MiB held of the 12 MiB large bodies may use: a third waits in vain; small ones still fit.
        var third = await budget.AcquireAsync(Large, Short, CancellationToken.None);
        using var small = await budget.AcquireAsync(Small, Short, CancellationToken.None);

        Assert.That((first, second, third, small), Is.EqualTo((first, second, (RequestBudget.Lease?)null, small)));
        Assert.That(first, Is.Not.Null);
        Assert.That(small, Is.Not.Null);
        Assert.That(budget.InUse, Is.EqualTo((2 * Large) + Small));
    }

    [Test]
    public async Task A_small_body_goes_ahead_of_a_large_one_waiting_and_the_large_one_gets_the_room_given_back()
    {
        var budget = new RequestBudget(Capacity);
        var first = await budget.AcquireAsync(Large, Long, CancellationToken.None);
        using var second = await budget.AcquireAsync(Large, Long, CancellationToken.None);
        var waiting = budget.AcquireAsync(Large, Long, CancellationToken.None).AsTask();

        using var small = await budget.AcquireAsync(Small, Short, CancellationToken.None);
        Assert.That(small, Is.Not.Null, "a small body was queued behind a large one");
        Assert.That(waiting.IsCompleted, Is.False);

        first!.Dispose();
        using var admitted = await waiting.WaitAsync(Long);
        Assert.That(admitted, Is.Not.Null);
        Assert.That(budget.InUse, Is.EqualTo((2 * Large) + Small));
    }

    [Test]
    public async Task A_body_larger_than_large_bodies_may_hold_is_refused_at_once()
    {
        var budget = new RequestBudget(RequestBudget.MinimumBytes);

        var started = DateTime.UtcNow;
        var lease = await budget.AcquireAsync(RequestBudget.MinimumBytes - 1, Long, CancellationToken.None);

        Assert.That(lease, Is.Null);
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task A_client_that_goes_away_while_waiting_takes_no_room()
    {
        var budget = new RequestBudget(Capacity);
        using var first = await budget.AcquireAsync(Large, Long, CancellationToken.None);
        using var second = await budget.AcquireAsync(Large, Long, CancellationToken.None);
        using var gone = new CancellationTokenSource(Short);

        Assert.That(async () => await budget.AcquireAsync(Large, Long, gone.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(budget.InUse, Is.EqualTo(2 * Large));
    }

    [TestCase(192L * 1024 * 1024, 12L * 1024 * 1024)]
    [TestCase(64L * 1024 * 1024, 10L * 1024 * 1024)]
    [TestCase(24L * 1024 * 1024 * 1024, 256L * 1024 * 1024)]
    public void The_default_is_a_sixteenth_of_the_memory_the_process_may_use_within_10_and_256_MiB(long available, long expected) =>
        Assert.That(RequestBudget.DefaultCapacity(available), Is.EqualTo(expected));
}
