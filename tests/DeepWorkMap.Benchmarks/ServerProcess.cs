using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using DeepWorkMap.Contracts.Api;

namespace DeepWorkMap.Benchmarks;

/// <summary>The server as ops run it, a process of its own (published in Release, ReadyToRun), measured from outside.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    /// <summary>
    /// Starts it on a free loopback port with its own Orleans ports, quiet logs, and <paramref name="environment"/>: the server
    /// published at <paramref name="dll"/>, or by default the one DWM_BENCH_SERVER names.
    /// </summary>
    public static ServerProcess Start(IReadOnlyDictionary<string, string> environment, string? dll = null)
    {
        var server = dll ?? (Environment.GetEnvironmentVariable("DWM_BENCH_SERVER") is { Length: > 0 } published ? published
            : throw new InvalidOperationException("DWM_BENCH_SERVER must name the published server's DLL; run scripts/benchmark.sh (it publishes it)."));
        if (!File.Exists(server)) throw new InvalidOperationException($"{server} is missing: publish the server (scripts/benchmark.sh does).");
        return Launch([server], new Dictionary<string, string>(environment)
        {
            ["Orleans__SiloPort"] = FreePort().ToString(), ["Orleans__GatewayPort"] = FreePort().ToString(),
        });
    }

    /// <summary>Starts the idle-connections baseline (<see cref="PlainMapServer"/>): this program, in a process of its own.</summary>
    public static ServerProcess StartPlainMapHub() =>
        Launch([typeof(ServerProcess).Assembly.Location, PlainMapServer.Command], new Dictionary<string, string>());

    private static ServerProcess Launch(string[] arguments, Dictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Web__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        // DWM_BENCH_SERVER_LOG=<prefix> keeps each server's console log in <prefix>.<port>.log (add a Logging__LogLevel__… to see more).
        var logPrefix = Environment.GetEnvironmentVariable("DWM_BENCH_SERVER_LOG");
        var log = logPrefix is { Length: > 0 } ? TextWriter.Synchronized(new StreamWriter($"{logPrefix}.{port}.log") { AutoFlush = true }) : null;
        process.OutputDataReceived += (_, line) => log?.WriteLine(line.Data);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>The abuse caps lifted (each 0: none), for loads from one address and a few accounts; a new dictionary to add to.</summary>
    public static Dictionary<string, string> WithoutCaps() => new()
    {
        ["Sessions__ActiveSessionsPerHost"] = "0", ["Sessions__SessionsCreatedPerHostPerHour"] = "0", ["Accounts__SignupsPerAddressPerHour"] = "0",
        ["Sessions__AnonymousSearchesPerAddressPerMinute"] = "0", ["Realtime__HubConnectionsPerUser"] = "0",
        ["Sessions__SearchesPerUserPerMinute"] = "0", ["Realtime__MapWatchesPerConnectionPerMinute"] = "0",
        ["Sessions__ActiveJoinsPerUser"] = "0", ["Moderation__ReportsPerUserPerHour"] = "0",
        // Hosts of the loads are fresh accounts that read no mail.
        ["Email__RequireVerification"] = "false",
    };

    /// <summary>Registers <paramref name="username"/> through the API; answers its bearer token.</summary>
    public static async Task<string> SignUpAsync(HttpClient http, string username)
    {
        var response = await http.PostAsJsonAsync("/api/auth/register", new
        {
            email = $"{username}@example.com", username, displayName = username, password = "correct horse battery",
        });
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AuthResult>())!.Token;
    }

    /// <summary>Polls /health/ready every 10 ms until it answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (_process.HasExited) throw new InvalidOperationException($"the server exited with {_process.ExitCode}");
            await Task.Delay(10);
        }
        throw new TimeoutException($"the server was not ready within {within.TotalSeconds:F0} s");
    }

    /// <summary>The resident set, from /proc.</summary>
    public double ResidentMiB() =>
        double.Parse(File.ReadLines($"/proc/{Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
