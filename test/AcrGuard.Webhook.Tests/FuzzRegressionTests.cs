using System.Net;
using AcrGuard.Webhook.Tests.Support;

namespace AcrGuard.Webhook.Tests;

/// <summary>
/// Bodies AFL++ found crashing the review path (test/fuzz/run.sh review), replayed through HTTP:
/// strings of invalid UTF-8 inside the object's apiVersion and kind escaped the reader.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static IEnumerable<string> Crashes() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "assets", "fuzz"), "*.bin").Order().Select(Path.GetFileName)!;

    [TestCaseSource(nameof(Crashes))]
    public async Task A_body_that_once_crashed_the_reviewer_gets_a_clear_answer(string file)
    {
        using var factory = new WebhookFactory();
        using var client = factory.Webhook();
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "assets", "fuzz", file)));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        var (status, answer) = await client.PostBytesAsync("/validate", content);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.BadRequest));
        var message = answer.Response().GetProperty("status").GetProperty("message").GetString();
        Assert.That(message, Does.Not.Contain("internal error"));
        Assert.That(message, Does.Contain("UTF-8").Or.Contain("not JSON").Or.Contain("not a Kubernetes object"));
    }
}
