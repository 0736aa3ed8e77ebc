namespace AcrGuard.Check.Output;

/// <summary>Writes a check report in one of the formats of <c>--output</c>.</summary>
public interface IReportWriter
{
    void Write(CheckReport report, Stream output);
}
