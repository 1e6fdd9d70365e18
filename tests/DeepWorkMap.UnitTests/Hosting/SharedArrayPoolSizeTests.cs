using System.Diagnostics;
using System.Text.RegularExpressions;
using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.UnitTests.Hosting;

/// <summary>
/// The server's shared array pool keeps <see cref="SharedArrayPoolSize.ArraysPerCore"/> arrays of a size per core, in the
/// server's own process as ops start it: the runtime reads the number once, at the pool's first use, so this fails if
/// anything in Main rents before <see cref="SharedArrayPoolSize.Apply"/>, or if it is not called. The pool is measured by
/// what it keeps (rent many, return them, rent again), on one partition so the count does not depend on the cores.
/// </summary>
public sealed partial class SharedArrayPoolSizeTests
{
    private const string OnePartition = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXPARTITIONCOUNT";

    [Fact]
    public async Task The_server_process_keeps_the_documented_number_of_arrays_of_a_size()
    {
        var kept = await KeptByServerProcess(setting: null);
        Assert.True(kept >= SharedArrayPoolSize.ArraysPerCore, $"kept {kept}, expected at least {SharedArrayPoolSize.ArraysPerCore}");
    }

    [Fact]
    public async Task A_value_in_the_environment_wins()
    {
        var kept = await KeptByServerProcess(setting: "32");
        Assert.InRange(kept, 1, 33); // 32 on the one partition, and the thread's own slot
    }

    private static async Task<int> KeptByServerProcess(string? setting)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerAssembly);
        start.ArgumentList.Add("array-pool");
        start.Environment.Remove(SharedArrayPoolSize.Variable);
        if (setting is not null) start.Environment[SharedArrayPoolSize.Variable] = setting;
        start.Environment[OnePartition] = "1";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, errors + output);
        var said = Kept().Match(output);
        Assert.True(said.Success, output);
        return int.Parse(said.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The server assembly built beside this test project (bin/&lt;Configuration&gt;/net10.0), as ops run it.</summary>
    private static string ServerAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var assembly = Path.Combine(ServerSource.Folder, "bin", configuration, "net10.0", "DeepWorkMap.Server.dll");
            Assert.True(File.Exists(assembly), $"{assembly} is not built");
            return assembly;
        }
    }

    [GeneratedRegex(@"kept (\d+) of")]
    private static partial Regex Kept();
}
