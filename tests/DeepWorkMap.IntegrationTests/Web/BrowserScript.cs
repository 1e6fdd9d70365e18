using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Web;

/// <summary>
/// Runs one of tests/js's Chromium scripts against a server: it prints "ok" when every step held, and leaves a
/// screenshot of each step in artifacts/screenshots/, named with its prefix.
/// </summary>
public static class BrowserScript
{
    public static string Screenshots { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    /// <summary>Answers the script's screenshots (its earlier ones are removed first).</summary>
    public static async Task<string[]> RunAsync(RunningServer server, string script, string prefix)
    {
        Directory.CreateDirectory(Screenshots);
        foreach (var old in Directory.GetFiles(Screenshots, $"{prefix}*.png")) File.Delete(old);

        var (exitCode, output, errors) = await NodeScript.RunAsync(script, TimeSpan.FromMinutes(4), server.BaseAddress.ToString(), Screenshots, prefix);

        Assert.True(exitCode == 0, output + errors);
        Assert.Equal("ok", output.Trim());
        return Directory.GetFiles(Screenshots, $"{prefix}*.png");
    }
}
