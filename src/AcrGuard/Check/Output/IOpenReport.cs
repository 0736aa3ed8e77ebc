namespace AcrGuard.Check.Output;

/// <summary>
/// A report being written: each object as it is judged, then what only the end knows (the
/// counts, what was skipped, the input errors), so that a report of any size is written in the
/// memory of one object (an audit of a large cluster, docs/performance.md).
/// </summary>
public interface IOpenReport : IDisposable
{
    /// <summary>The entry of one object, in the order they were judged.</summary>
    void Write(CheckedObject checkedObject);

    /// <summary>Closes the report with <paramref name="report"/>'s totals, skipped inputs and input errors.</summary>
    void Finish(CheckReport report);
}
