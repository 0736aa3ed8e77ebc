namespace AcrGuard.EndToEnd.Tests;

/// <summary>
/// Sends every request as another user, with kube-apiserver's impersonation headers: the K3s
/// admin (system:masters) may impersonate anyone, so one kubeconfig stands for several people.
/// One group only: several values of a header could arrive joined as one.
/// </summary>
internal sealed class Impersonation(string user, string group) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("Impersonate-User", user);
        request.Headers.Add("Impersonate-Group", group);
        return base.SendAsync(request, cancellationToken);
    }
}
