using AcrGuard.FakeKubeApi;

// Run by hand for test/load/audit-scale.sh: serves a generated cluster until SIGTERM or Ctrl-C;
// GET /fake/stats says what the server spent.
//   dotnet run -c Release --project test/AcrGuard.FakeKubeApi -- --port 0 --pods 100000 --deployments 10000 --kubeconfig /tmp/kc
// (--policy-reports true also serves the wgpolicyk8s.io report resources: .ci/native-smoke uses it.)
var options = GeneratorOptions.Parse(args);
await using var server = await FakeApiServer.StartAsync(options.Port).ConfigureAwait(false);
server.LogRequests = false;
ClusterGenerator.Fill(server, options);
if (options.PolicyReports)
{
    // As if Kyverno or the wgpolicyk8s.io CRDs were installed: for `audit --policy-report`.
    server.Install(ApiResource.PolicyReports);
    server.Install(ApiResource.ClusterPolicyReports);
}

server.WriteKubeconfig(options.Kubeconfig);
Console.WriteLine($"serving {options.Pods} pods and {options.Deployments} deployments at {server.Url}; kubeconfig {options.Kubeconfig}");
Console.Out.Flush();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
try
{
    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    // Asked to stop.
}
