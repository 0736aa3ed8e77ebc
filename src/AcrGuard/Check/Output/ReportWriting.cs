namespace AcrGuard.Check.Output;

/// <summary>A report held whole (a <see cref="CheckRunner"/> run without a writer, whose objects the caller reads) written in one call, through the same stream as a report written as it goes (check and audit).</summary>
public static class ReportWriting
{
    public static void Write(this IReportWriter writer, CheckReport report, Stream output)
    {
        using var stream = writer.Open(report, output);
        foreach (var o in report.Objects)
        {
            stream.Write(o);
        }

        stream.Finish(report);
    }
}
