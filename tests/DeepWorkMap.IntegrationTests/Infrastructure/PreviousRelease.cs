using System.Diagnostics;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// The release a running cluster is upgraded from: the commit main was at before this one's changes, published as
/// ops publish it, once per machine (kept in artifacts/previous-release/). Move <see cref="Commit"/> on at each release.
/// </summary>
public static class PreviousRelease
{
    public const string Commit = "83408fe974c863998baf169a2c9ef3fe72ec305d";

    private static readonly SemaphoreSlim Building = new(1, 1);

    /// <summary>The folder holding its published DeepWorkMap.Server.dll.</summary>
    public static async Task<string> PublishedAsync()
    {
        var output = Path.Combine(RepositoryRoot.Path, "artifacts", "previous-release", Commit[..12]);
        await Building.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(output, "DeepWorkMap.Server.dll"))) return output;
            var source = Directory.CreateTempSubdirectory("dwm-previous-").FullName;
            await RunAsync("bash", "-c", $"git -C '{RepositoryRoot.Path}' archive {Commit} | tar -x -C '{source}'");
            var publishing = output + ".partial";
            if (Directory.Exists(publishing)) Directory.Delete(publishing, recursive: true);
            // Plain Release (no ReadyToRun): the same code, published in half the time.
            await RunAsync("dotnet", "publish", Path.Combine(source, "src", "DeepWorkMap.Server"), "-c", "Release", "-o", publishing, "-nologo", "-v", "q");
            Directory.Move(publishing, output);
            Directory.Delete(source, recursive: true);
            return output;
        }
        finally
        {
            Building.Release();
        }
    }

    private static async Task RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} failed: {await output}{await errors}");
    }
}
