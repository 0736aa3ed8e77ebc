namespace AcrGuard.FakeKubeApi;

/// <summary>A request as the fake server understood it, for the log and for tests' hooks.</summary>
public sealed record ApiRequest(string Method, ApiResource Resource, string? Namespace, string? Name, string? Continue, string PathAndQuery)
{
    public bool IsList => Method == "GET" && Name is null;

    public override string ToString() => $"{Method} {PathAndQuery}";
}
