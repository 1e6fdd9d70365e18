using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// The live map's watchers in a process of their own (<c>--watchers-apart</c>): what it costs them to receive and
/// parse every push is then off the server's heap and thread pool, as it is for people on their own devices, though
/// both still share this machine's cores. The child is this program with <c>map-watchers</c>; the parent writes it the
/// plan as one line on its input, then one line per catch-up asked, and reads the child's answers back. Both read the
/// same monotonic clock (<see cref="Stopwatch"/> on Linux), so the parent's end of the load means the same to the child.
/// </summary>
public sealed class LiveMapWatcherProcess : ILiveMapWatchers
{
    public const string Command = "map-watchers";

    private const string Ready = "READY";
    private const string CatchUp = "CATCH-UP ";
    private const string Heard = "HEARD ";

    private readonly Process _child;

    private LiveMapWatcherProcess(Process child, int count)
    {
        _child = child;
        Count = count;
    }

    public int Count { get; }

    public TimeSpan? OwnProcessorTime
    {
        get
        {
            _child.Refresh();
            return _child.TotalProcessorTime;
        }
    }

    /// <summary>Starts the child with the signed-in users' tokens; answers once every watcher watches the circle.</summary>
    public static async Task<LiveMapWatcherProcess> StartAsync(Uri hubUrl, IReadOnlyList<string> tokens, double latitude, double longitude, double radiusKm)
    {
        var start = BenchChildProcess.StartInfo(Command);
        start.RedirectStandardInput = true;
        var child = Process.Start(start) ?? throw new InvalidOperationException("The watchers' process did not start.");
        var watchers = new LiveMapWatcherProcess(child, tokens.Count);
        try
        {
            await child.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new Plan(hubUrl, tokens, latitude, longitude, radiusKm)));
            await child.StandardInput.FlushAsync();
            await watchers.ReadAnswerAsync(Ready);
            return watchers;
        }
        catch
        {
            await watchers.DisposeAsync();
            throw;
        }
    }

    public async Task<(long Heard, double CaughtUpMs)> CatchUpAsync(long owed, long loadEndedAt)
    {
        await _child.StandardInput.WriteLineAsync($"{CatchUp}{owed} {loadEndedAt}");
        await _child.StandardInput.FlushAsync();
        var answer = (await ReadAnswerAsync(Heard)).Split(' ');
        return (long.Parse(answer[0], CultureInfo.InvariantCulture), double.Parse(answer[1], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        // Its input closed, the child closes its connections and exits.
        _child.StandardInput.Close();
        await _child.WaitForExitAsync();
        _child.Dispose();
    }

    /// <summary>The rest of the child's next line that starts with <paramref name="prefix"/>; other lines are its own output, passed on.</summary>
    private async Task<string> ReadAnswerAsync(string prefix)
    {
        while (await _child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line[prefix.Length..];
            Console.WriteLine(line);
        }
        await _child.WaitForExitAsync();
        throw new InvalidOperationException($"The watchers' process ended (exit code {_child.ExitCode}) before it answered {prefix.Trim()}.");
    }

    /// <summary>The child's side: open the watchers, say so, and answer each catch-up asked until the input closes.</summary>
    public static async Task RunChildAsync()
    {
        var plan = JsonSerializer.Deserialize<Plan>(Console.ReadLine() ?? throw new InvalidOperationException("No plan was given."))!;
        await using var watchers = await LiveMapWatchers.OpenAsync(plan.HubUrl, plan.Tokens, plan.Latitude, plan.Longitude, plan.RadiusKm);
        Console.WriteLine(Ready);
        while (Console.ReadLine() is { } line)
        {
            var asked = line[CatchUp.Length..].Split(' ');
            var (heard, caughtUpMs) = await watchers.CatchUpAsync(long.Parse(asked[0], CultureInfo.InvariantCulture), long.Parse(asked[1], CultureInfo.InvariantCulture));
            Console.WriteLine(FormattableString.Invariant($"{Heard}{heard} {caughtUpMs}"));
        }
    }

    private sealed record Plan(Uri HubUrl, IReadOnlyList<string> Tokens, double Latitude, double Longitude, double RadiusKm);
}
