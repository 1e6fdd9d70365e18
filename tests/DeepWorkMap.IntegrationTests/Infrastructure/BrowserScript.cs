namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// Runs one of tests/js's Chromium scripts against a server: it prints "ok" when every step held, and leaves a
/// screenshot of each step in artifacts/&lt;screenshots&gt;.
/// </summary>
public static class BrowserScript
{
    /// <summary>Answers the screenshots' folder, emptied before the run.</summary>
    public static async Task<string> RunAsync(RunningServer server, string script, string screenshots)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "artifacts", screenshots);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);

        var (exitCode, output, errors) = await NodeScript.RunAsync(script, TimeSpan.FromMinutes(3), server.BaseAddress.ToString(), folder);

        Assert.True(exitCode == 0, output + errors);
        Assert.Equal("ok", output.Trim());
        return folder;
    }
}
