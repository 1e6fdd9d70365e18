using System.Diagnostics;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>Runs a script under node from the repository root, where package.json's modules are installed.</summary>
public static class NodeScript
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        Assert.True(Directory.Exists(System.IO.Path.Combine(RepositoryRoot.Path, "node_modules")),
            "node_modules is missing: run `npm ci` in the repository root (./test.sh does).");
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {timeout.TotalSeconds:F0} s: {await output}{await errors}");
        }
        return (process.ExitCode, await output, await errors);
    }
}
