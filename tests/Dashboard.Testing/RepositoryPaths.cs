namespace Dashboard.Testing;

/// <summary>Where the repository's files are, for tests that read what a newcomer reads (docs, settings).</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding Dashboard.sln, found upwards from the test's binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
