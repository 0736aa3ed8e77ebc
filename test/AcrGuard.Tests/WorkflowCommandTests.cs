using AcrGuard.Check.Output;

namespace AcrGuard.Tests;

/// <summary>GitHub workflow commands escaped as the Actions toolkit does, so a value cannot end a property or the command.</summary>
public class WorkflowCommandTests
{
    [Test]
    public void Percent_and_line_breaks_are_escaped_in_the_message()
    {
        var command = WorkflowCommand.Format("warning", [("title", "AG008")], "100% sure\r\nsecond line");

        Assert.That(command, Is.EqualTo("::warning title=AG008::100%25 sure%0D%0Asecond line"));
    }

    [Test]
    public void Colons_and_commas_are_escaped_in_properties_and_missing_ones_left_out()
    {
        var command = WorkflowCommand.Format("error", [("file", "k8s/a,b:c.yaml"), ("line", null), ("title", "50%\n")], "x: y, z");

        Assert.That(command, Is.EqualTo("::error file=k8s/a%2Cb%3Ac.yaml,title=50%25%0A::x: y, z"));
    }
}
