namespace AcrGuard.EndToEnd.Tests;

/// <summary>Polls a condition the cluster reaches asynchronously, failing with what was awaited.</summary>
internal static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"timed out after {seconds} s waiting for {what}");
    }
}
