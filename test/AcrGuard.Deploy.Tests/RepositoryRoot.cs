namespace AcrGuard.Deploy.Tests;

/// <summary>The checkout the tests run from: deploy/ is read where it is, not copied into the build output.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "AcrGuard.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no AcrGuard.slnx above {TestContext.CurrentContext.TestDirectory}");
    }
}
