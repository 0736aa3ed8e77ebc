using AcrGuard.Check;
using AcrGuard.Check.Output;
using AcrGuard.Configuration;
using AcrGuard.Findings;

namespace AcrGuard.Tests;

/// <summary>
/// <c>check</c> writes its report object by object as it judges them and holds none of them, and
/// prints the same bytes, in every format, as a report held whole and written at the end.
/// </summary>
public class CheckStreamingTests
{
    private static string Stream(int objects) =>
        string.Concat(Enumerable.Range(0, objects).Select(i => "---\n" + TestManifests.MisplacedDeployment.Replace("name: web", $"name: web-{i}", StringComparison.Ordinal) + "\n"));

    // JUnit's counts come before its test cases: its writer spools the cases itself until the end.
    [TestCase("text", true)]
    [TestCase("json", true)]
    [TestCase("sarif", true)]
    [TestCase("junit", false)]
    [TestCase("github", true)]
    public void A_report_written_as_it_goes_holds_no_object_and_prints_what_a_held_one_does(string format, bool writesAsItGoes)
    {
        var file = CliRun.TempFile("stream.yaml", Stream(300));
        var evaluator = new Evaluator(AcrGuardConfig.Default);

        var held = new CheckRunner(evaluator, EnforcementMode.Enforce).Run([file], TextReader.Null);
        using var whole = new MemoryStream();
        ReportFormats.For(format).Write(held, whole);

        using var streamed = new MemoryStream();
        var report = new CheckRunner(evaluator, EnforcementMode.Enforce) { Writer = ReportFormats.For(format), Output = streamed }.Run([file], TextReader.Null);
        var writtenBeforeTheEnd = streamed.Length;
        using (var output = report.Output)
        {
            output!.Finish(report);
        }

        Assert.Multiple(() =>
        {
            Assert.That(report.Objects, Is.Empty, "the objects are held");
            Assert.That(report.ObjectCount, Is.EqualTo(300));
            Assert.That(writtenBeforeTheEnd > 0, Is.EqualTo(writesAsItGoes), "written before the end");
            Assert.That(streamed.ToArray(), Is.EqualTo(whole.ToArray()));
        });
    }

    [Test]
    public void The_command_prints_each_object_in_order_and_the_totals_last()
    {
        var file = CliRun.TempFile("stream.yaml", Stream(3));

        var run = CliRun.Of("check", file);

        var lines = run.Stdout.TrimEnd().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(lines[0], Does.StartWith($"{file}#1: Deployment default/web-0: denied"));
            Assert.That(lines[^1], Is.EqualTo("3 objects checked (enforce mode): 3 denied, 3 errors, 0 warnings"));
        });
    }
}
