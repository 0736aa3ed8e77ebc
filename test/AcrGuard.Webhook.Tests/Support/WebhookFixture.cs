namespace AcrGuard.Webhook.Tests.Support;

/// <summary>One composed webhook (default configuration) per fixture, and a client of its review port.</summary>
public abstract class WebhookFixture
{
    private WebhookFactory factory = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartWebhook()
    {
        factory = new WebhookFactory();
        Client = factory.Webhook();
    }

    [OneTimeTearDown]
    public void StopWebhook()
    {
        Client.Dispose();
        factory.Dispose();
    }
}
