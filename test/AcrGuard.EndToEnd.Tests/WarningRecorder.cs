namespace AcrGuard.EndToEnd.Tests;

/// <summary>
/// Keeps the <c>Warning</c> headers of every API response: the client drops them, and they are
/// where kube-apiserver puts an admission webhook's <c>response.warnings</c> (RFC 7234 format,
/// <c>299 - "text"</c>).
/// </summary>
internal sealed class WarningRecorder : DelegatingHandler
{
    private readonly List<string> _warnings = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_lock)
            {
                return [.. _warnings];
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _warnings.Clear();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Warning", out var values))
        {
            lock (_lock)
            {
                _warnings.AddRange(values);
            }
        }

        return response;
    }
}
