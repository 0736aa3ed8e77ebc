using AcrGuard.Audit.Cluster;

namespace AcrGuard.Tests.Audit;

/// <summary>Which kubeconfig the audit reads: --kubeconfig, else $KUBECONFIG (files merged, first wins), else ~/.kube/config.</summary>
public class ClusterConnectionTests
{
    [Test]
    public void A_kubeconfig_list_is_merged_and_the_first_file_to_name_the_current_context_wins()
    {
        var first = Kubeconfig("first", "http://127.0.0.1:1111", currentContext: "first");
        var second = Kubeconfig("second", "http://127.0.0.1:2222", currentContext: "second");

        var current = ClusterConnection.Configure(null, null, $"{first}{Path.PathSeparator}{second}", "/nonexistent-home");
        var other = ClusterConnection.Configure(null, "second", $"{first}{Path.PathSeparator}{second}", "/nonexistent-home");

        Assert.Multiple(() =>
        {
            Assert.That(current.Host, Is.EqualTo("http://127.0.0.1:1111"));
            Assert.That(other.Host, Is.EqualTo("http://127.0.0.1:2222"));
        });
    }

    [Test]
    public void Without_kubeconfig_or_KUBECONFIG_the_home_kubeconfig_is_read()
    {
        var home = Directory.CreateTempSubdirectory("acrguard-home-").FullName;
        Directory.CreateDirectory(Path.Combine(home, ".kube"));
        File.Copy(Kubeconfig("home", "http://127.0.0.1:3333", "home"), Path.Combine(home, ".kube", "config"));

        var config = ClusterConnection.Configure(null, null, null, home);

        Assert.That(config.Host, Is.EqualTo("http://127.0.0.1:3333"));
    }

    [Test]
    public void No_kubeconfig_anywhere_outside_a_pod_names_where_it_looked()
    {
        var home = Directory.CreateTempSubdirectory("acrguard-home-").FullName;

        var e = Assert.Throws<ClusterException>(() => ClusterConnection.Configure(null, null, null, home));

        Assert.That(e!.Message, Is.EqualTo($"no kubeconfig: {Path.Combine(home, ".kube", "config")} (~/.kube/config) does not exist, and this is not a pod with a service account"));
    }

    [Test]
    public void A_file_that_is_not_a_kubeconfig_is_named()
    {
        var path = CliRun.TempFile("kubeconfig", "clusters: [oops");

        var e = Assert.Throws<ClusterException>(() => ClusterConnection.Configure(path, null, null, "/nonexistent-home"));

        Assert.That(e!.Message, Does.StartWith($"{path}: "));
    }

    private static string Kubeconfig(string name, string server, string currentContext) => CliRun.TempFile($"{name}.yaml", $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {name}
          cluster:
            server: {server}
        users:
        - name: {name}
          user:
            token: t-{name}
        contexts:
        - name: {name}
          context:
            cluster: {name}
            user: {name}
        current-context: {currentContext}
        """);
}
