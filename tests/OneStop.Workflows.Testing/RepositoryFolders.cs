namespace OneStop.Workflows.Testing;

/// <summary>Folders of the repository the tests run from.</summary>
public static class RepositoryFolders
{
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OneStop.Workflows.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (OneStop.Workflows.sln) was not found above " + AppContext.BaseDirectory);
    }
}
