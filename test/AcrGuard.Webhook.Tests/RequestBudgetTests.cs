using System.Net;
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
    private static readonly IPAddress Greedy = IPAddress.Parse("10.0.3.7");
    private static readonly IPAddress Other = IPAddress.Parse("10.0.0.12");

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

    [Test]
    public async Task Alone_a_client_may_hold_more_than_its_share()
    {
        // 16 MiB, a half of it per client while others wait: two 6 MiB bodies are 12 MiB.
        var budget = new RequestBudget(Capacity, clientSharePercent: 50);
        using var first = (await budget.AdmitAsync(Large, Greedy, Short, CancellationToken.None)).Lease;
        using var second = (await budget.AdmitAsync(Large, Greedy, Short, CancellationToken.None)).Lease;

        Assert.That(first, Is.Not.Null);
        Assert.That(second, Is.Not.Null);
        Assert.That(budget.HeldBy(Greedy), Is.EqualTo(2 * Large));
    }

    [Test]
    public async Task Past_its_share_a_client_waits_while_another_client_waits_and_is_refused_as_over_its_share()
    {
        var budget = new RequestBudget(Capacity, clientSharePercent: 50);
        var first = (await budget.AdmitAsync(Large, Greedy, Long, CancellationToken.None)).Lease;
        using var second = (await budget.AdmitAsync(Large, Greedy, Long, CancellationToken.None)).Lease;

        // The large bodies' 12 MiB are Greedy's: Other's waits for room.
        var waiting = budget.AdmitAsync(Large, Other, Long, CancellationToken.None).AsTask();
        Assert.That(budget.Waiting, Is.EqualTo(1));

        // A small body would fit, but Greedy is past its share and Other, within its own, waits.
        var greedySmall = await budget.AdmitAsync(Small, Greedy, Short, CancellationToken.None);
        using var otherSmall = (await budget.AdmitAsync(Small, Other, Short, CancellationToken.None)).Lease;

        Assert.That(greedySmall, Is.EqualTo(new RequestBudget.Admission(null, ClientOverShare: true)));
        Assert.That(otherSmall, Is.Not.Null, "a small body of a client within its share is not held back");

        first!.Dispose();
        using var admitted = (await waiting.WaitAsync(Long)).Lease;
        Assert.That(admitted, Is.Not.Null, "the room Greedy gives back goes to the client waiting");
        Assert.That((budget.HeldBy(Greedy), budget.HeldBy(Other)), Is.EqualTo((Large, Large + Small)));
    }

    [Test]
    public async Task When_room_comes_back_a_client_within_its_share_goes_before_one_past_it()
    {
        var budget = new RequestBudget(Capacity, clientSharePercent: 50);
        var first = (await budget.AdmitAsync(Large, Greedy, Long, CancellationToken.None)).Lease;
        using var second = (await budget.AdmitAsync(Large, Greedy, Long, CancellationToken.None)).Lease;

        // Greedy asks first, Other second; 6 MiB come back, room for one of them.
        var greedyThird = budget.AdmitAsync(Large, Greedy, Long, CancellationToken.None).AsTask();
        var otherFirst = budget.AdmitAsync(Large, Other, Long, CancellationToken.None).AsTask();
        first!.Dispose();

        using var otherLease = (await otherFirst.WaitAsync(Long)).Lease;
        Assert.That(otherLease, Is.Not.Null);
        Assert.That(greedyThird.IsCompleted, Is.False, "Greedy, past its share, waits behind Other though it asked first");

        second!.Dispose();
        using var greedyLease = (await greedyThird.WaitAsync(Long)).Lease;
        Assert.That(greedyLease, Is.Not.Null, "and gets the next room");
    }

    [Test]
    public async Task A_body_refused_for_want_of_room_alone_is_not_counted_against_the_share()
    {
        var budget = new RequestBudget(Capacity, clientSharePercent: 50);
        using var first = (await budget.AdmitAsync(Large, Greedy, Long, CancellationToken.None)).Lease;
        using var second = (await budget.AdmitAsync(Large, Greedy, Long, CancellationToken.None)).Lease;

        // No one else waits, and the large bodies' part is full: plain overload.
        var third = await budget.AdmitAsync(Large, Greedy, Short, CancellationToken.None);

        Assert.That(third, Is.EqualTo(new RequestBudget.Admission(null, ClientOverShare: false)));
    }
}
