using System.CommandLine;
using AcrGuard.LoadDriver;

var url = new Option<string>("--url") { Description = "The webhook's base URL", DefaultValueFactory = _ => "https://localhost:8443" };
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent workers (requests in flight)", DefaultValueFactory = _ => 32 };
var count = new Option<long>("--count") { Description = "Requests to send in all" };
var duration = new Option<double>("--duration") { Description = "Seconds to send for (with --count: whichever ends first)" };
var timeout = new Option<double>("--timeout") { Description = "Seconds before an unanswered request counts as failed", DefaultValueFactory = _ => 30 };
var recycle = new Option<double>("--recycle") { Description = "Seconds a connection is used before a new one (and handshake) replaces it; 0: never" };
var examples = new Option<string>("--examples") { Description = "The docs/examples directory the mix is built from", DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "examples") };
var serverPid = new Option<int?>("--server-pid") { Description = "Sample this process's RSS once a second" };
var rssCsv = new Option<string?>("--rss-csv") { Description = "Write the RSS samples (seconds,rss_kib) to this CSV" };
var warmup = new Option<double>("--warmup") { Description = "Seconds after which RSS is taken as the baseline", DefaultValueFactory = _ => 10 };
var rssTolerance = new Option<double>("--rss-tolerance") { Description = "Fail if the final RSS differs from the baseline by more percent; 0: report only" };
var expectChange = new Option<bool>("--expect-thumbprint-change") { Description = "Fail unless new connections saw more than one server certificate" };
var followReadiness = new Option<string?>("--follow-readiness") { Description = "The server's /readyz URL: once it fails, send no new request (as kube-apiserver stops routing to a pod that left the endpoints)" };
var newConnection = new Option<bool>("--new-connection-per-review") { Description = "Open a new TLS connection for every request (kube-apiserver after its idle connections closed, or a second apiserver starting)" };
var source = new Option<string?>("--source") { Description = "Local address to connect from, e.g. 127.0.0.2: another client to the server's per-address share" };
var clientCert = new Option<string?>("--client-cert") { Description = "Client certificate (PEM) for a server started with --client-ca" };
var clientKey = new Option<string?>("--client-key") { Description = "Its private key (PEM)" };
var stopOnRefused = new Option<bool>("--stop-on-refused") { Description = "Shutdown run: a refused connection means the server is gone; stop sending, do not count it as failed" };

var root = new RootCommand("Drive a running `acrguard serve` over HTTP/2 + TLS with reviews of known verdicts; exit 1 on any failed request or wrong verdict")
{
    url, concurrency, count, duration, timeout, recycle, newConnection, source, clientCert, clientKey, examples, serverPid, rssCsv, warmup, rssTolerance, expectChange, stopOnRefused, followReadiness,
};
root.Validators.Add(result =>
{
    if (result.GetValue(count) <= 0 && result.GetValue(duration) <= 0)
    {
        result.AddError("give --count or --duration");
    }

    if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out _))
    {
        result.AddError("--url must be an absolute URL such as https://127.0.0.1:8443");
    }

    if (result.GetValue(followReadiness) is { } readyz && !Uri.TryCreate(readyz, UriKind.Absolute, out _))
    {
        result.AddError("--follow-readiness must be an absolute URL such as http://127.0.0.1:9090/readyz");
    }

    if (result.GetValue(source) is { } address && !System.Net.IPAddress.TryParse(address, out _))
    {
        result.AddError("--source must be an IP address such as 127.0.0.2");
    }

    if ((result.GetValue(clientCert) is null) != (result.GetValue(clientKey) is null))
    {
        result.AddError("--client-cert and --client-key go together");
    }

    if (result.GetValue(concurrency) < 1)
    {
        result.AddError("--concurrency must be at least 1");
    }
});
root.SetAction((result, _) =>
{
    var seconds = result.GetValue(recycle);
    var options = new DriverOptions
    {
        Url = new Uri(result.GetRequiredValue(url)),
        Concurrency = result.GetValue(concurrency),
        Count = result.GetValue(count),
        Duration = TimeSpan.FromSeconds(result.GetValue(duration)),
        Timeout = TimeSpan.FromSeconds(result.GetValue(timeout)),
        Recycle = seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan,
        NewConnectionPerReview = result.GetValue(newConnection),
        Source = result.GetValue(source) is { } address ? System.Net.IPAddress.Parse(address) : null,
        ClientCert = result.GetValue(clientCert),
        ClientKey = result.GetValue(clientKey),
        Examples = result.GetRequiredValue(examples),
        ServerPid = result.GetValue(serverPid),
        RssCsv = result.GetValue(rssCsv),
        Warmup = TimeSpan.FromSeconds(result.GetValue(warmup)),
        RssTolerance = result.GetValue(rssTolerance),
        ExpectThumbprintChange = result.GetValue(expectChange),
        StopOnRefused = result.GetValue(stopOnRefused),
        FollowReadiness = result.GetValue(followReadiness) is { } readyz ? new Uri(readyz) : null,
    };
    return Driver.RunAsync(options, Console.Out);
});
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
