namespace AcrGuard.Check.Output;

/// <summary>
/// Where a report keeps what it writes before it may be printed: a temporary file, deleted when
/// closed, so that what is held does not grow memory with the report (a JUnit report's counts
/// come before its test cases; an audit prints nothing when the cluster fails half-way).
/// </summary>
public static class ReportSpool
{
    public static Stream Create()
    {
        try
        {
            var path = Path.Combine(Path.GetTempPath(), $"acrguard-{Path.GetRandomFileName()}");
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No writable temporary directory (a read-only root file system without one mounted):
            // the report is then held in memory, as before there was a spool.
            return new MemoryStream();
        }
    }
}
