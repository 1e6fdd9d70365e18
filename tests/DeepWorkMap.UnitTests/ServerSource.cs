namespace DeepWorkMap.UnitTests;

/// <summary>The server's source files, for tests that hold the code to a house rule (found from the test's own folder up).</summary>
public static class ServerSource
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "src", "DeepWorkMap.Server");

    /// <summary>Every .cs file written by hand (not the build's obj/ and bin/).</summary>
    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => Path.GetRelativePath(Folder, file).Split(Path.DirectorySeparatorChar)[0] is not ("obj" or "bin"));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepWorkMap.sln"))) return dir.FullName;
        throw new InvalidOperationException("DeepWorkMap.sln not found above " + AppContext.BaseDirectory);
    }
}
