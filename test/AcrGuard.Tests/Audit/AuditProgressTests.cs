using System.Text;
using AcrGuard.Commands;

namespace AcrGuard.Tests.Audit;

/// <summary>On a terminal a progress line moves on stderr and is cleared before the report; piped, there is none.</summary>
public class AuditProgressTests
{
    [Test]
    public async Task A_terminal_sees_the_kinds_and_objects_move_and_the_line_cleared_at_the_end()
    {
        await using var cluster = await FakeCluster.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            cluster.Add(Workloads.CleanPod($"pod-{i}"), "shop");
        }

        var (exit, stdout, stderr) = Run(cluster, new AuditCommand.Terminal(StdoutIsTerminal: true, StderrIsTerminal: true));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(stderr, Does.Contain("\racrguard audit: pods (8/9 kinds), 3 objects judged"));
            Assert.That(stderr, Does.Contain("\racrguard audit: deployments.apps (1/9 kinds), 0 objects judged"));
            Assert.That(stderr, Does.Match(@"\r +\r"), "the line is blanked before the report");
            Assert.That(stdout, Does.Not.Contain("objects judged"));
        });
    }

    [TestCase(false, true)]
    [TestCase(true, false)]
    public async Task Piped_or_redirected_there_is_no_progress_line(bool stdoutIsTerminal, bool stderrIsTerminal)
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Add(Workloads.CleanPod("pod"), "shop");

        var (_, _, stderr) = Run(cluster, new AuditCommand.Terminal(stdoutIsTerminal, stderrIsTerminal));

        Assert.That(stderr, Does.Not.Contain("objects judged"));
    }

    private static (int Exit, string Stdout, string Stderr) Run(FakeCluster cluster, AuditCommand.Terminal terminal)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = AcrGuardCli.Run(["audit", "--kubeconfig", cluster.Kubeconfig], TextReader.Null, stdout, stderr, terminal);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}
