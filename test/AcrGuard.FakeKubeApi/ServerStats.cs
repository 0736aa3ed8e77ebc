namespace AcrGuard.FakeKubeApi;

/// <summary>What the server spent: requests answered and the time inside its handler, to tell the server's share of a run from the client's.</summary>
public sealed record ServerStats(long Requests, TimeSpan Serving, long BytesSent);
