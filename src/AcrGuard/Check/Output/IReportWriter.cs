namespace AcrGuard.Check.Output;

/// <summary>Writes a check report in one of the formats of <c>--output</c>, object by object (<see cref="IOpenReport"/>).</summary>
public interface IReportWriter
{
    /// <summary>Starts the report on <paramref name="output"/>; what <paramref name="report"/> says from the start (<see cref="CheckReport.Fix"/>) shapes each object's entry.</summary>
    IOpenReport Open(CheckReport report, Stream output);
}
